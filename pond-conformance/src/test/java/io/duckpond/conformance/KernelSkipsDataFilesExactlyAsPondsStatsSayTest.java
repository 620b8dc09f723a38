package io.duckpond.conformance;

import static io.duckpond.conformance.ScenarioPond.LAST_TXN;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.Snapshot;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.node.NodeId;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tlogfs.delta.Action.AddFile;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Json;
import io.duckpond.tlogfs.oplog.OplogSchema;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filtered scans: Kernel keeps exactly the data files that pond's {@code add} statistics and partition values allow
 * (Delta's rules, computed here from pond's own log), skipping really happens, and it never drops a file holding a
 * matching row. Checked on the latest version (checkpoint plus commits) and on version 99 (commits only). The
 * statistics themselves are checked against the rows.
 */
class KernelSkipsDataFilesExactlyAsPondsStatsSayTest {

    @TempDir
    static Path dir;

    static ScenarioPond scenario;
    static DuckSession duck;
    /** Every row of every live file, read by Kernel without a filter, per version. */
    static final Map<Long, Map<String, List<Map<String, Object>>>> fullScans = new HashMap<>();
    /** The filters by name, in the order they are tried. */
    static final Map<String, Filter> filters = new LinkedHashMap<>();

    /**
     * One query filter three ways: for Kernel, for a row, and for a file given pond's {@code add} (whether its stats
     * or partition value allow a matching row; a missing statistic allows anything).
     */
    record Filter(Predicate kernel, java.util.function.Predicate<Map<String, Object>> row,
            java.util.function.Predicate<AddFile> mayMatch) {}

    @BeforeAll
    static void makePond() {
        scenario = ScenarioPond.copyInto(dir);
        duck = DuckSession.open();
        for (long version : versions()) {
            Snapshot snapshot = KernelTables.at(scenario.data(), version);
            fullScans.put(version, KernelTables.rowsByFile(snapshot, Optional.empty()));
        }
        List<Map<String, Object>> rows = fullScans.get(LAST_TXN).values().stream().flatMap(List::stream).toList();
        String inbox;
        try (Pond pond = Pond.open(scenario.root)) {
            inbox = pond.read().find(PondPath.parse("/inbox"), Links.FOLLOW).orElseThrow().id().value();
        }
        long t60 = rows.stream().filter(r -> r.get("txn_seq").equals(60L) && r.get("file_type").equals("directory"))
                .map(r -> (Long) r.get("timestamp")).findFirst().orElseThrow();
        long seriesHour50 = 1_767_225_600_000_000L + 50 * 3_600_000_000L;
        long seriesHour20 = 1_767_225_600_000_000L + 20 * 3_600_000_000L;

        filter("txn_seq >= 95", cmp(">=", "txn_seq", 95), r -> txn(r) >= 95,
                f -> max(f, "txn_seq") == null || max(f, "txn_seq") >= 95);
        filter("txn_seq = 42", cmp("=", "txn_seq", 42), r -> txn(r) == 42,
                f -> (min(f, "txn_seq") == null || min(f, "txn_seq") <= 42)
                        && (max(f, "txn_seq") == null || max(f, "txn_seq") >= 42));
        filter("txn_seq < 10", cmp("<", "txn_seq", 10), r -> txn(r) < 10,
                f -> min(f, "txn_seq") == null || min(f, "txn_seq") < 10);
        filter("version >= 20", cmp(">=", "version", 20), r -> (Long) r.get("version") >= 20,
                f -> max(f, "version") == null || max(f, "version") >= 20);
        filter("part_id = root", partIs(NodeId.ROOT.value()), r -> r.get("part_id").equals(NodeId.ROOT.value()),
                f -> f.partitionValues().get("part_id").equals(NodeId.ROOT.value()));
        filter("part_id = /inbox and txn_seq >= 50", new And(partIs(inbox), cmp(">=", "txn_seq", 50)),
                r -> r.get("part_id").equals(inbox) && txn(r) >= 50,
                f -> f.partitionValues().get("part_id").equals(inbox)
                        && (max(f, "txn_seq") == null || max(f, "txn_seq") >= 50));
        // Timestamp statistics are milliseconds; Delta readers widen the max by 1 ms.
        filter("timestamp >= txn 60", new Predicate(">=", new Column("timestamp"), Literal.ofTimestamp(t60)),
                r -> (Long) r.get("timestamp") >= t60,
                f -> timestampMax(f) == null || timestampMax(f) + 1000 >= t60);
        filter("timestamp < txn 60", new Predicate("<", new Column("timestamp"), Literal.ofTimestamp(t60)),
                r -> (Long) r.get("timestamp") < t60,
                f -> timestampMin(f) == null || timestampMin(f) < t60);
        filter("min_event_time >= hour 50", cmp(">=", "min_event_time", seriesHour50),
                r -> r.get("min_event_time") != null && (Long) r.get("min_event_time") >= seriesHour50,
                f -> max(f, "min_event_time") == null || max(f, "min_event_time") >= seriesHour50);
        filter("max_event_time <= hour 20", cmp("<=", "max_event_time", seriesHour20),
                r -> r.get("max_event_time") != null && (Long) r.get("max_event_time") <= seriesHour20,
                f -> min(f, "max_event_time") == null || min(f, "max_event_time") <= seriesHour20);
        filter("size >= 64 KiB", cmp(">=", "size", LargeFileStore.THRESHOLD),
                r -> r.get("size") != null && (Long) r.get("size") >= LargeFileStore.THRESHOLD,
                f -> max(f, "size") == null || max(f, "size") >= LargeFileStore.THRESHOLD);
        filter("file_type = symlink", new Predicate("=", new Column("file_type"), Literal.ofString("symlink")),
                r -> r.get("file_type").equals("symlink"),
                f -> (text(f, "minValues", "file_type") == null
                                || text(f, "minValues", "file_type").compareTo("symlink") <= 0)
                        && (text(f, "maxValues", "file_type") == null
                                || text(f, "maxValues", "file_type").compareTo("symlink") >= 0));
        filter("extended_attributes is not null", new Predicate("IS_NOT_NULL", new Column("extended_attributes")),
                r -> r.get("extended_attributes") != null,
                f -> nullCount(f, "extended_attributes") < numRecords(f));
    }

    @AfterAll
    static void closeDuck() {
        duck.close();
    }

    static List<Long> versions() {
        return List.of(99L, LAST_TXN);
    }

    static Stream<Arguments> cases() {
        return filters.keySet().stream().flatMap(f -> versions().stream().map(v -> Arguments.of(f, v)));
    }

    private static void filter(String name, Predicate kernel, java.util.function.Predicate<Map<String, Object>> row,
            java.util.function.Predicate<AddFile> mayMatch) {
        filters.put(name, new Filter(kernel, row, mayMatch));
    }

    @ParameterizedTest(name = "{0} at version {1}")
    @MethodSource("cases")
    void kernelKeepsExactlyTheFilesPondsStatsAllowAndEveryMatchingRow(String name, long version) {
        Filter filter = filters.get(name);
        Snapshot snapshot = KernelTables.at(scenario.data(), version);
        List<AddFile> pondFiles = List.copyOf(PondTables.files(duck, scenario.data(), version));
        List<String> all = pondFiles.stream().map(AddFile::relativePath).toList();
        List<String> expected = pondFiles.stream().filter(filter.mayMatch()).map(AddFile::relativePath).toList();

        List<String> kept = KernelTables.scanFiles(snapshot, Optional.of(filter.kernel())).stream()
                .map(KernelTables.ScanFile::path).toList();

        assertThat(kept).as("files Kernel keeps").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(kept).as("skipping happened").isNotEmpty().hasSizeLessThan(all.size());

        Map<String, List<Map<String, Object>>> full = fullScans.get(version);
        List<String> holdingMatches = full.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(filter.row())).map(Map.Entry::getKey).toList();
        assertThat(kept).as("files holding a matching row").containsAll(holdingMatches);

        List<Map<String, Object>> readAfterFilter = KernelTables.rows(snapshot, Optional.of(filter.kernel()));
        assertThat(readAfterFilter.stream().filter(filter.row()).toList()).as("matching rows read")
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(full.values().stream().flatMap(List::stream)
                        .filter(filter.row()).toList());
    }

    /**
     * Skipping is only as good as the statistics: every {@code add}'s numRecords, nullCount and min/max are those of
     * the rows Kernel reads from its file (timestamps truncated to ms, as Delta writes them), and min/max are there for
     * the columns skipping needs.
     */
    @Test
    void everyAddsStatisticsAreTrueToTheRowsInItsFile() {
        Map<String, List<Map<String, Object>>> full = fullScans.get(LAST_TXN);
        for (AddFile add : PondTables.files(duck, scenario.data(), LAST_TXN)) {
            List<Map<String, Object>> rows = full.get(add.relativePath());
            assertThat(numRecords(add)).as("numRecords of %s", add.path()).isEqualTo(rows.size());
            for (io.duckpond.tlogfs.delta.Column column : OplogSchema.SCHEMA.dataColumns()) {
                String name = column.name();
                List<Object> values = rows.stream().map(r -> r.get(name)).filter(Objects::nonNull).toList();
                assertThat(nullCount(add, name)).as("nullCount.%s of %s", name, add.path())
                        .isEqualTo(rows.size() - values.size());
                Object min = PondTables.stat(add, "minValues", name);
                Object max = PondTables.stat(add, "maxValues", name);
                switch (column.type()) {
                    case LONG -> {
                        List<Long> longs = values.stream().map(v -> (Long) v).sorted().toList();
                        assertThat(min == null ? null : ((Number) min).longValue()).as("min.%s", name)
                                .isEqualTo(longs.isEmpty() ? null : longs.get(0));
                        assertThat(max == null ? null : ((Number) max).longValue()).as("max.%s", name)
                                .isEqualTo(longs.isEmpty() ? null : longs.get(longs.size() - 1));
                    }
                    case TIMESTAMP -> {
                        List<Long> millis = values.stream().map(v -> Math.floorDiv((Long) v, 1000L) * 1000).sorted()
                                .toList();
                        assertThat(micros(min)).as("min.%s", name).isEqualTo(millis.get(0));
                        assertThat(micros(max)).as("max.%s", name).isEqualTo(millis.get(millis.size() - 1));
                    }
                    case STRING -> {
                        List<String> strings = values.stream().map(v -> (String) v).sorted().toList();
                        if (min != null || max != null) {
                            assertThat(min).as("min.%s", name).isEqualTo(strings.get(0));
                            assertThat(max).as("max.%s", name).isEqualTo(strings.get(strings.size() - 1));
                        }
                    }
                    default -> assertThat(min).as("no min/max for %s", name).isNull();
                }
            }
            assertThat(Stream.of("txn_seq", "version", "timestamp", "file_type"))
                    .allSatisfy(c -> assertThat(PondTables.stat(add, "maxValues", c)).as("max.%s", c).isNotNull());
        }
    }

    private static Predicate cmp(String op, String column, long value) {
        return new Predicate(op, new Column(column), Literal.ofLong(value));
    }

    private static Predicate partIs(String partId) {
        return new Predicate("=", new Column("part_id"), Literal.ofString(partId));
    }

    private static long txn(Map<String, Object> row) {
        return (Long) row.get("txn_seq");
    }

    private static Long min(AddFile f, String column) {
        Object v = PondTables.stat(f, "minValues", column);
        return v == null ? null : ((Number) v).longValue();
    }

    private static Long max(AddFile f, String column) {
        Object v = PondTables.stat(f, "maxValues", column);
        return v == null ? null : ((Number) v).longValue();
    }

    private static String text(AddFile f, String kind, String column) {
        return (String) PondTables.stat(f, kind, column);
    }

    private static Long timestampMin(AddFile f) {
        return micros(PondTables.stat(f, "minValues", "timestamp"));
    }

    private static Long timestampMax(AddFile f) {
        return micros(PondTables.stat(f, "maxValues", "timestamp"));
    }

    private static Long micros(Object isoText) {
        return isoText == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse((String) isoText));
    }

    private static long nullCount(AddFile f, String column) {
        return ((Number) PondTables.stat(f, "nullCount", column)).longValue();
    }

    private static long numRecords(AddFile f) {
        return ((Number) Json.parseObject(f.stats().orElseThrow()).get("numRecords")).longValue();
    }
}
