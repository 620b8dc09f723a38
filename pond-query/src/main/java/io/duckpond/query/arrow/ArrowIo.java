package io.duckpond.query.arrow;

import io.duckpond.query.session.QueryErrors;
import io.duckpond.tlogfs.duck.DuckSession;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * Arrow batches in and out of DuckDB through the Arrow C data interface: no copy through Java objects, and a stream
 * is consumed batch by batch, so memory does not grow with the number of rows.
 */
public final class ArrowIo {

    private final DuckSession duck;
    private final BufferAllocator allocator;

    public ArrowIo(DuckSession duck, BufferAllocator allocator) {
        this.duck = duck;
        this.allocator = allocator;
    }

    /** Writes every batch of {@code batches} to one zstd Parquet file; returns the number of rows. */
    public long writeParquet(ArrowReader batches, Path target) {
        String name = "pond_arrow_" + UUID.randomUUID().toString().replace('-', '_');
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            Data.exportArrayStream(allocator, batches, stream);
            DuckDBConnection connection = duck.connection().unwrap(DuckDBConnection.class);
            connection.registerArrowStream(name, stream);
            return duck.query("COPY (SELECT * FROM " + name + ") TO " + DuckSession.literal(target.toString())
                    + " (FORMAT parquet, COMPRESSION zstd, RETURN_STATS)",
                    r -> ((Number) r.getObject("count")).longValue()).stream().mapToLong(Long::longValue).sum();
        } catch (SQLException e) {
            throw QueryErrors.duck("write Arrow batches", e);
        }
    }

    /**
     * The rows of {@code select} as a stream of batches of at most {@code batchRows}; the caller closes the reader,
     * which ends the query.
     */
    public ArrowReader read(String select, int batchRows) {
        Statement statement = null;
        try {
            statement = duck.connection().createStatement();
            ResultSet result = statement.executeQuery(select);
            ArrowReader reader = (ArrowReader) result.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, batchRows);
            return new Closing(reader, statement, allocator);
        } catch (SQLException e) {
            closeQuietly(statement);
            throw QueryErrors.duck("read", e);
        }
    }

    private static void closeQuietly(Statement statement) {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // nothing was read
            }
        }
    }

    /** An Arrow reader that also closes the statement it reads from. */
    private static final class Closing extends ArrowReader {
        private final ArrowReader inner;
        private final Statement statement;

        Closing(ArrowReader inner, Statement statement, BufferAllocator allocator) {
            super(allocator);
            this.inner = inner;
            this.statement = statement;
        }

        @Override
        public VectorSchemaRoot getVectorSchemaRoot() throws IOException {
            return inner.getVectorSchemaRoot();
        }

        @Override
        public boolean loadNextBatch() throws IOException {
            return inner.loadNextBatch();
        }

        @Override
        public long bytesRead() {
            return inner.bytesRead();
        }

        @Override
        protected void closeReadSource() throws IOException {
            try {
                inner.close();
            } finally {
                closeQuietly(statement);
            }
        }

        @Override
        protected Schema readSchema() throws IOException {
            return inner.getVectorSchemaRoot().getSchema();
        }
    }
}
