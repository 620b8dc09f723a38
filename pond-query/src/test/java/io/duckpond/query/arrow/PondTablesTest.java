package io.duckpond.query.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckpond.query.TestPond;
import io.duckpond.query.input.TimeWindow;
import io.duckpond.tinyfs.arrow.ArrowDecimal;
import io.duckpond.tinyfs.arrow.ArrowTimestamp;
import io.duckpond.tinyfs.arrow.RecordSchema;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tinyfs.path.PondPath;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PondTablesTest {

    @TempDir
    Path dir;

    /** Every column type the record API supports, nullable ones null in the second row. */
    record AllTypes(
            boolean flag, Boolean maybeFlag,
            byte tiny, short small, int medium, long big, Integer maybeInt, Long maybeLong,
            float single, double precise, Double maybeDouble,
            @ArrowDecimal(precision = 18, scale = 3) BigDecimal amount,
            String text, byte[] blob,
            LocalDate day,
            Instant micros,
            @ArrowTimestamp(unit = TimeUnit.SECOND) Instant seconds,
            @ArrowTimestamp(unit = TimeUnit.MILLISECOND) Instant millis,
            @ArrowTimestamp(unit = TimeUnit.NANOSECOND) Instant nanos,
            @ArrowTimestamp(unit = TimeUnit.MICROSECOND, zone = "Europe/Oslo") Instant osloMicros,
            LocalDateTime naive) {}

    private static AllTypes full() {
        return new AllTypes(true, false, (byte) -7, (short) 1234, 123_456, 9_000_000_000L, 42, -5L,
                1.5f, Math.PI, 2.25, new BigDecimal("12345.678"), "grüße ☃ ok", new byte[] {0, (byte) 0xff, 65},
                LocalDate.of(2026, 11, 28), Instant.parse("2026-11-28T10:15:30.123456Z"),
                Instant.parse("2026-11-28T10:15:30Z"), Instant.parse("2026-11-28T10:15:30.123Z"),
                Instant.parse("2026-11-28T10:15:30.123456Z"), Instant.parse("2026-01-01T00:00:00Z"),
                LocalDateTime.of(2026, 11, 28, 10, 15, 30));
    }

    private static AllTypes nulls() {
        return new AllTypes(false, null, (byte) 0, (short) 0, 0, 0L, null, null, 0f, 0d, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    @Test
    void everySupportedColumnTypeRoundTripsThroughATable() {
        try (TestPond t = new TestPond(dir, Long.MAX_VALUE)) {
            List<AllTypes> rows = List.of(full(), nulls());
            t.write(tx -> t.tables.writeTable(tx, PondPath.parse("/all"), AllTypes.class, rows));
            List<AllTypes> back = t.tables.readRecords(t.pond.read(), PondPath.parse("/all"), AllTypes.class,
                    TimeWindow.ALL);
            assertThat(back).hasSize(2);
            assertThat(back.get(0)).usingRecursiveComparison().isEqualTo(full());
            assertThat(back.get(1)).usingRecursiveComparison().isEqualTo(nulls());
        }
    }

    @Test
    void theRecordSchemaNamesArrowTypesWithUnitsAndZones() {
        Schema schema = RecordSchema.of(AllTypes.class).schema();
        assertThat(schema.findField("seconds").getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.SECOND, "UTC"));
        assertThat(schema.findField("osloMicros").getType())
                .isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "Europe/Oslo"));
        assertThat(schema.findField("naive").getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
        assertThat(schema.findField("amount").getType()).isEqualTo(new ArrowType.Decimal(18, 3, 128));
        assertThat(schema.findField("medium").isNullable()).isFalse();
        assertThat(schema.findField("maybeInt").isNullable()).isTrue();
    }

    record Reading(Instant ts, double value) {}

    /** Random noise keeps each version over 64 KiB, so it is stored as its own file. */
    record NoisyReading(Instant ts, double value, double noise) {}

    record WiderReading(Instant ts, Double value, String status) {}

    @Test
    void seriesVersionsReadAsOneTableByColumnNameWithNullsForMissingColumns() {
        try (TestPond t = new TestPond(dir, Long.MAX_VALUE)) {
            PondPath series = PondPath.parse("/flow.series");
            t.write(tx -> t.tables.appendSeries(tx, series, Reading.class,
                    List.of(new Reading(Instant.parse("2026-01-01T00:00:00Z"), 1.0)), Optional.empty()));
            t.write(tx -> t.tables.appendSeries(tx, series, WiderReading.class,
                    List.of(new WiderReading(Instant.parse("2026-02-01T00:00:00Z"), 2.0, "ok")), Optional.empty()));
            List<WiderReading> rows = t.tables.readRecords(t.pond.read(), series, WiderReading.class, TimeWindow.ALL);
            assertThat(rows).containsExactlyInAnyOrder(
                    new WiderReading(Instant.parse("2026-01-01T00:00:00Z"), 1.0, null),
                    new WiderReading(Instant.parse("2026-02-01T00:00:00Z"), 2.0, "ok"));
        }
    }

    @Test
    void aMillionRowStreamGoesInAndComesOutInBoundedMemory() throws Exception {
        long limit = 64L << 20;
        int rows = Integer.getInteger("tables.rows", 1_000_000);
        try (TestPond t = new TestPond(dir, limit)) {
            Schema schema = new Schema(List.of(
                    new Field("ts", FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null),
                    new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                    new Field("value", FieldType.notNullable(new ArrowType.FloatingPoint(
                            org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)), null)));
            int batchRows = 10_000;
            long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() * 1000;
            Iterator<VectorSchemaRoot> batches = new Iterator<>() {
                int made;

                @Override
                public boolean hasNext() {
                    return made < rows;
                }

                @Override
                public VectorSchemaRoot next() {
                    VectorSchemaRoot batch = VectorSchemaRoot.create(schema, t.allocator);
                    batch.allocateNew();
                    int n = Math.min(batchRows, rows - made);
                    for (int i = 0; i < n; i++) {
                        long id = made + i;
                        ((TimeStampMicroTZVector) batch.getVector(0)).setSafe(i, start + id * 1_000_000L);
                        ((BigIntVector) batch.getVector(1)).setSafe(i, id);
                        ((Float8Vector) batch.getVector(2)).setSafe(i, id * 0.5);
                    }
                    batch.setRowCount(n);
                    made += n;
                    return batch;
                }
            };
            t.write(tx -> t.tables.appendSeries(tx, PondPath.parse("/big.series"),
                    new BatchSource(t.allocator, schema, batches), Optional.empty()));

            long count = 0;
            long idSum = 0;
            try (ArrowReader reader = t.tables.read(t.pond.read(), PondPath.parse("/big.series"), TimeWindow.ALL)) {
                while (reader.loadNextBatch()) {
                    VectorSchemaRoot batch = reader.getVectorSchemaRoot();
                    BigIntVector ids = (BigIntVector) batch.getVector("id");
                    for (int i = 0; i < batch.getRowCount(); i++) {
                        idSum += ids.get(i);
                    }
                    count += batch.getRowCount();
                }
            }
            assertThat(count).isEqualTo(rows);
            assertThat(idSum).isEqualTo((long) rows * (rows - 1) / 2);
            assertThat(t.allocator.getPeakMemoryAllocation()).isLessThan(limit);
            FileVersion version = t.pond.read().latest(t.pond.read().resolve(PondPath.parse("/big.series"), Links.FOLLOW));
            assertThat(version.eventTime()).isPresent();
            assertThat(version.eventTime().get().maxMicros()).isEqualTo(start + (rows - 1) * 1_000_000L);
        }
    }

    @Test
    void aTimeBoundedReadOpensOnlyTheVersionsWhoseRangeMeetsTheWindow() throws Exception {
        try (TestPond t = new TestPond(dir, Long.MAX_VALUE)) {
            PondPath series = PondPath.parse("/months.series");
            java.util.Random random = new java.util.Random(3);
            for (int month = 1; month <= 3; month++) {
                List<NoisyReading> rows = new ArrayList<>();
                Instant first = Instant.parse(String.format("2026-%02d-01T00:00:00Z", month));
                for (int i = 0; i < 20_000; i++) {
                    rows.add(new NoisyReading(first.plusSeconds(60L * i), month, random.nextDouble()));
                }
                t.write(tx -> t.tables.appendSeries(tx, series, NoisyReading.class, rows, Optional.empty()));
            }
            // Remove January's stored bytes: a read that still works cannot have opened them.
            List<FileVersion> versions = t.pond.read().versions(t.pond.read().resolve(series, Links.FOLLOW));
            assertThat(versions.get(0).size()).isGreaterThanOrEqualTo(64 * 1024);
            Files.delete(t.pond.data().store().pathOf(versions.get(0).sha256()));

            TimeWindow february = TimeWindow.parse(Optional.of("2026-02-01"), Optional.of("2026-02-28T23:59:59Z"),
                    java.time.ZoneOffset.UTC);
            List<Reading> rows = t.tables.readRecords(t.pond.read(), series, Reading.class, february);
            assertThat(rows).hasSize(20_000).allMatch(r -> r.value() == 2.0);
            assertThatThrownBy(() -> t.tables.readRecords(t.pond.read(), series, Reading.class, TimeWindow.ALL))
                    .hasMessageContaining(versions.get(0).sha256());
        }
    }
}
