package io.duckpond.bench;

import io.duckpond.query.arrow.BatchSource;
import io.duckpond.query.arrow.PondTables;
import io.duckpond.query.input.TimeWindow;
import io.duckpond.steward.Invocation;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.path.PondPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Java API at scale: ROWS (default 10 million) streamed into a series as Arrow batches and read back as a stream,
 * with the Arrow allocator capped at 64 MiB; reports rows/s and the peak of Java-side memory. Args: [ROWS] [WORKDIR].
 */
public final class ArrowStreamBench {
    private ArrowStreamBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        Path work = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("pond-arrow-bench-");
        long limit = 64L << 20;
        Schema schema = new Schema(List.of(
                new Field("ts", FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null),
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                new Field("value", FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                        null)));
        try (Pond pond = Pond.init(work.resolve("pond"), Invocation.current(List.of("bench", "init")), Optional.empty());
                BufferAllocator allocator = new RootAllocator(limit)) {
            PondTables tables = new PondTables(pond.duck(), allocator, pond.data().store(), pond.layout().cache());
            long t0 = System.nanoTime();
            Iterator<VectorSchemaRoot> batches = new Iterator<>() {
                int made;

                @Override
                public boolean hasNext() {
                    return made < rows;
                }

                @Override
                public VectorSchemaRoot next() {
                    VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator);
                    int n = Math.min(65_536, rows - made);
                    for (int i = 0; i < n; i++) {
                        long id = made + i;
                        ((TimeStampMicroTZVector) batch.getVector(0)).setSafe(i, 1_767_225_600_000_000L + id * 1_000_000L);
                        ((BigIntVector) batch.getVector(1)).setSafe(i, id);
                        ((Float8Vector) batch.getVector(2)).setSafe(i, id * 0.25);
                    }
                    batch.setRowCount(n);
                    made += n;
                    return batch;
                }
            };
            pond.write(Invocation.current(List.of("bench", "append")), Duration.ofSeconds(10), tx ->
                    tables.appendSeries(tx, PondPath.parse("/big.series"), new BatchSource(allocator, schema, batches),
                            Optional.empty()));
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            long count = 0;
            long sum = 0;
            try (ArrowReader reader = tables.read(pond.read(), PondPath.parse("/big.series"), TimeWindow.ALL)) {
                while (reader.loadNextBatch()) {
                    BigIntVector ids = (BigIntVector) reader.getVectorSchemaRoot().getVector("id");
                    for (int i = 0; i < reader.getVectorSchemaRoot().getRowCount(); i++) {
                        sum += ids.get(i);
                    }
                    count += reader.getVectorSchemaRoot().getRowCount();
                }
            }
            double readSeconds = (System.nanoTime() - t1) / 1e9;
            if (count != rows || sum != (long) rows * (rows - 1) / 2) {
                throw new IllegalStateException("read " + count + " rows, id sum " + sum);
            }
            Runtime rt = Runtime.getRuntime();
            System.out.printf("%,d rows: write %.1f s (%,.0f rows/s), read %.1f s (%,.0f rows/s); Arrow peak %.1f MiB "
                    + "of a %d MiB cap; JVM heap used %.0f MiB of max %.0f MiB%n", rows, writeSeconds, rows / writeSeconds,
                    readSeconds, rows / readSeconds, allocator.getPeakMemoryAllocation() / 1048576.0, limit >> 20,
                    (rt.totalMemory() - rt.freeMemory()) / 1048576.0, rt.maxMemory() / 1048576.0);
        }
    }
}
