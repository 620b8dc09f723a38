package io.duckpond.query.arrow;

import java.io.IOException;
import java.util.Iterator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} over batches made on demand (one at a time), so a caller can stream any number of rows
 * into pond without holding them all: each batch is taken from the iterator when the reader asks, and closed after.
 */
public final class BatchSource extends ArrowReader {

    private final Schema schema;
    private final Iterator<VectorSchemaRoot> batches;

    public BatchSource(BufferAllocator allocator, Schema schema, Iterator<VectorSchemaRoot> batches) {
        super(allocator);
        this.schema = schema;
        this.batches = batches;
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (!batches.hasNext()) {
            return false;
        }
        try (VectorSchemaRoot next = batches.next();
                ArrowRecordBatch unloaded = new VectorUnloader(next).getRecordBatch()) {
            loadRecordBatch(unloaded);
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        // the batches were closed as they were read
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
