package io.duckpond.query.arrow;

import io.duckpond.query.input.PondFiles;
import io.duckpond.query.input.PondRelations;
import io.duckpond.query.input.SqlInput;
import io.duckpond.query.input.TableColumns;
import io.duckpond.query.input.TimeWindow;
import io.duckpond.tinyfs.arrow.RecordSchema;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.fs.Transaction;
import io.duckpond.tinyfs.node.ContentRef;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.EventTimeRange;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.oplog.OplogSchema;
import io.duckpond.tlogfs.parquet.ParquetInspector;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Tables and series from Java: write from records, from Arrow batches or from a stream of batches; read back as
 * records, as one batch, or as a stream of batches that never holds the whole table. Writes happen inside a pond
 * transaction ({@code pond.write(..., tx -> tables.writeTable(tx, ...))}); each is one new version.
 */
public final class PondTables {

    /** Rows per batch when reading. */
    public static final int BATCH_ROWS = 65_536;

    private final DuckSession duck;
    private final BufferAllocator allocator;
    private final LargeFileStore store;
    private final Path cache;
    private final ArrowIo arrow;

    public PondTables(DuckSession duck, BufferAllocator allocator, LargeFileStore store, Path cache) {
        this.duck = duck;
        this.allocator = allocator;
        this.store = store;
        this.cache = cache;
        this.arrow = new ArrowIo(duck, allocator);
    }

    // --- writing -----------------------------------------------------------------------------------------------

    /** A new version of the table at {@code path} holding {@code rows}. */
    public <R extends Record> Node writeTable(Transaction tx, PondPath path, Class<R> type, List<R> rows) {
        return write(tx, path, EntryType.FILE_TABLE, records(type, rows), Optional.empty());
    }

    /** A new version of the table at {@code path} holding every batch of {@code batches}. */
    public Node writeTable(Transaction tx, PondPath path, ArrowReader batches) {
        return write(tx, path, EntryType.FILE_TABLE, batches, Optional.empty());
    }

    /** A new version of the table holding one batch (the caller keeps and closes it). */
    public Node writeTable(Transaction tx, PondPath path, VectorSchemaRoot batch) {
        return write(tx, path, EntryType.FILE_TABLE, single(batch), Optional.empty());
    }

    /** Appends {@code rows} to the series as a new version; the timestamp column is found by name unless given. */
    public <R extends Record> Node appendSeries(Transaction tx, PondPath path, Class<R> type, List<R> rows,
            Optional<String> timestampColumn) {
        return write(tx, path, EntryType.FILE_SERIES, records(type, rows), timestampColumn);
    }

    /** Appends every batch of {@code batches} to the series as one new version. */
    public Node appendSeries(Transaction tx, PondPath path, ArrowReader batches, Optional<String> timestampColumn) {
        return write(tx, path, EntryType.FILE_SERIES, batches, timestampColumn);
    }

    private Node write(Transaction tx, PondPath path, EntryType type, ArrowReader batches, Optional<String> column) {
        Path parquet = null;
        try {
            parquet = Files.createTempFile("pond-arrow-", ".parquet");
            Files.delete(parquet);
            arrow.writeParquet(batches, parquet);
            Optional<EventTimeRange> range = Optional.empty();
            ParquetInspector inspector = new ParquetInspector(duck);
            Map<String, String> attributes = new HashMap<>(TableColumns.attributes(inspector.columns(parquet)));
            if (type == EntryType.FILE_SERIES) {
                String ts = inspector.timestampColumn(parquet, path.toString(), column);
                range = inspector.eventTimeRange(parquet, path.toString(), ts);
                attributes.put(OplogSchema.TIMESTAMP_COLUMN_ATTRIBUTE, ts);
            }
            ContentRef content;
            try (InputStream in = Files.newInputStream(parquet)) {
                content = tx.stage(in);
            }
            return tx.write(path, type, content, range, attributes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                batches.close();
                if (parquet != null) {
                    Files.deleteIfExists(parquet);
                }
            } catch (IOException ignored) {
                // a temp file; the OS cleans its temp directory
            }
        }
    }

    private <R extends Record> ArrowReader records(Class<R> type, List<R> rows) {
        RecordSchema<R> schema = RecordSchema.of(type);
        Iterator<VectorSchemaRoot> batches = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next == 0 || next < rows.size();
            }

            @Override
            public VectorSchemaRoot next() {
                int end = Math.min(rows.size(), next + BATCH_ROWS);
                VectorSchemaRoot batch = schema.toBatch(rows.subList(next, end), allocator);
                next = Math.max(end, 1);
                return batch;
            }
        };
        return new BatchSource(allocator, schema.schema(), batches);
    }

    private ArrowReader single(VectorSchemaRoot batch) {
        Iterator<VectorSchemaRoot> one = List.of(copyOf(batch)).iterator();
        return new BatchSource(allocator, batch.getSchema(), one);
    }

    private VectorSchemaRoot copyOf(VectorSchemaRoot batch) {
        VectorSchemaRoot copy = VectorSchemaRoot.create(batch.getSchema(), allocator);
        try (var unloaded = new org.apache.arrow.vector.VectorUnloader(batch).getRecordBatch()) {
            new org.apache.arrow.vector.VectorLoader(copy).load(unloaded);
        }
        return copy;
    }

    // --- reading -----------------------------------------------------------------------------------------------

    /**
     * The table or series at {@code path} as a stream of batches (a series: its versions in the window, unioned by
     * column name, filtered to the window). The caller closes the reader.
     */
    public ArrowReader read(FileSystemView view, PondPath path, TimeWindow window) {
        Node node = view.resolve(path, Links.FOLLOW);
        PondFiles files = new PondFiles(view, store, cache);
        SqlInput input = new PondRelations(files, duck).input("source", List.of(node), window, Optional.empty());
        return arrow.read("SELECT * FROM " + input.relation(), BATCH_ROWS);
    }

    /** Every row as records of {@code type} (columns matched by name). For tables that fit in memory. */
    public <R extends Record> List<R> readRecords(FileSystemView view, PondPath path, Class<R> type, TimeWindow window) {
        RecordSchema<R> schema = RecordSchema.of(type);
        List<R> out = new ArrayList<>();
        try (ArrowReader reader = read(view, path, window)) {
            while (reader.loadNextBatch()) {
                out.addAll(schema.fromBatch(reader.getVectorSchemaRoot()));
            }
        } catch (IOException e) {
            throw Errors.io("read", path, e);
        }
        return out;
    }

    /** Every row in one batch (the caller closes it). For tables that fit in memory. */
    public VectorSchemaRoot readAll(FileSystemView view, PondPath path, TimeWindow window) {
        try (ArrowReader reader = read(view, path, window)) {
            VectorSchemaRoot all = VectorSchemaRoot.create(reader.getVectorSchemaRoot().getSchema(), allocator);
            all.allocateNew();
            int rows = 0;
            while (reader.loadNextBatch()) {
                VectorSchemaRoot batch = reader.getVectorSchemaRoot();
                for (int c = 0; c < batch.getFieldVectors().size(); c++) {
                    var target = all.getVector(c);
                    var source = batch.getVector(c);
                    for (int r = 0; r < batch.getRowCount(); r++) {
                        target.copyFromSafe(r, rows + r, source);
                    }
                }
                rows += batch.getRowCount();
                all.setRowCount(rows);
            }
            return all;
        } catch (IOException e) {
            throw Errors.io("read", path, e);
        }
    }
}
