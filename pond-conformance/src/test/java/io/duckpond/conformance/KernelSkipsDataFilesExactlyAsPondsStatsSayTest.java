package io.duckpond.conformance;

import static io.duckpond.conformance.ScenarioPond.LAST_TXN;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.Snapshot;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.duckpond.tinyfs.node.NodeId;
import io.duckpond.tlogfs.delta.Action.AddFile;
import io.duckpond.tlogfs.duck.DuckSession;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filtered scans: Kernel keeps exactly the data files that pond's {@code add} statistics and partition values allow
 * (Delta's rules, computed here from pond's own log), skipping really happens, and it never drops a file holding a
 * matching row. Checked on the latest version (checkpoint plus commits) and on version 99 (commits only).
 */
class KernelSkipsDataFilesExactlyAsPondsStatsSayTest {

    @TempDir
    static Path dir;

    static ScenarioPond scenario;
    static DuckSession duck;
    /** Every row of every live file, read by Kernel without a filter, per version. */
    static final Map<Long, Map<String, List<Map<String, Object>>>> fullScans = new HashMap<>();
    static Map<String, Filter> filters;

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
            fullScans.put(version, KernelTables.rowsByFile(KernelTables.at(scenario.data(), version), Optional.empty()));
        }
        List<Map<String, Object>> rows = fullScans.get(LAST_TXN).values().stream().flatMap(List::stream).toList();
        String inbox = rows.stream().filter(r -> r.get("file_type").equals("file:data")
                && ((Blob) r.get("content")) != null && new String(((Blob) r.get("content")).bytes()).equals("hello pond"))
                .map(r -> (String) r.get("part_id")).findFirst().orElseThrow();
        long t60 = rows.stream().filter(r -> r.get("txn_seq").equals(60L) && r.get("file_type").equals("directory"))
                .map(r -> (Long) r.get("timestamp")).findFirst().orElseThrow();
        long seriesHour50 = 1_767_225_600_000_000L + 50 * 3_600_000_000L;

        filters = Map.ofEntries(
                Map.entry("txn_seq >= 95", new Filter(cmp(">=", "txn_seq", 95), r -> txn(r) >= 95,
                        f -> max(f, "txn_seq") == null || max(f, "txn_seq") >= 95)),
                Map.entry("txn_seq = 42", new Filter(cmp("=", "txn_seq", 42), r -> txn(r) == 42,
                        f -> (min(f, "txn_seq") == null || min(f, "txn_seq") <= 42)
                                && (max(f, "txn_seq") == null || max(f, "txn_seq") >= 42))),
                Map.entry("txn_seq < 10", new Filter(cmp("<", "txn_seq", 10), r -> txn(r) < 10,
                        f -> min(f, "txn_seq") == null || min(f, "txn_seq") < 10)),
                Map.entry("version >= 20", new Filter(cmp(">=", "version", 20), r -> (Long) r.get("version") >= 20,
                        f -> max(f, "version") == null || max(f, "version") >= 20)),
                Map.entry("part_id = root", new Filter(partIs(NodeId.ROOT.value()),
                        r -> r.get("part_id").equals(NodeId.ROOT.value()),
                        f -> f.partitionValues().get("part_id").equals(NodeId.ROOT.value()))),
                Map.entry("part_id = /inbox and txn_seq >= 50", new Filter(
                        new And(partIs(inbox), cmp(">=", "txn_seq", 50)),
                        r -> r.get("part_id").equals(inbox) && txn(r) >= 50,
                        f -> f.partitionValues().get("part_id").equals(inbox)
                                && (max(f, "txn_seq") == null || max(f, "txn_seq") >= 50))),
                // Timestamp statistics are milliseconds; Delta readers widen the max by 1 ms.
                Map.entry("timestamp >= txn 60", new Filter(
                        new Predicate(">=", new Column("timestamp"), Literal.ofTimestamp(t60)),
                        r -> (Long) r.get("timestamp") >= t60,
                        f -> timestampMax(f) == null || timestampMax(f) + 1000 >= t60)),
                Map.entry("timestamp < txn 60", new Filter(
                        new Predicate("<", new Column("timestamp"), Literal.ofTimestamp(t60)),
                        r -> (Long) r.get("timestamp") < t60,
                        f -> timestampMin(f) == null || timestampMin(f) < t60)),
                Map.entry("min_event_time >= hour 50", new Filter(cmp(">=", "min_event_time", seriesHour50),
                        r -> r.get("min_event_time") != null && (Long) r.get("min_event_time") >= seriesHour50,
                        f -> max(f, "min_event_time") == null || max(f, "min_event_time") >= seriesHour50)),
                Map.entry("extended_attributes is not null", new Filter(
                        new Predicate("IS_NOT_NULL", new Column("extended_attributes")),
                        r -> r.get("extended_attributes") != null,
                        f -> nullCount(f, "extended_attributes") < numRecords(f))));
    }

    @AfterAll
    static void closeDuck() {
        duck.close();
    }

    static List<Long> versions() {
        return List.of(99L, LAST_TXN);
    }

    static Stream<Arguments> cases() {
        return Stream.of("txn_seq >= 95", "txn_seq = 42", "txn_seq < 10", "version >= 20", "part_id = root",
                "part_id = /inbox and txn_seq >= 50", "timestamp >= txn 60", "timestamp < txn 60",
                "min_event_time >= hour 50", "extended_attributes is not null")
                .flatMap(f -> versions().stream().map(v -> Arguments.of(f, v)));
    }

    @ParameterizedTest(name = "{0} at version {1}")
    @MethodSource("cases")
    void kernelKeepsExactlyTheFilesPondsStatsAllowAndEveryMatchingRow(String name, long version) {
        Filter filter = filters.get(name);
        Snapshot snapshot = KernelTables.at(scenario.data(), version);
        List<String> all = PondTables.files(duck, scenario.data(), version).stream().map(AddFile::relativePath).toList();
        List<String> expected = PondTables.files(duck, scenario.data(), version).stream()
                .filter(filter.mayMatch()).map(AddFile::relativePath).toList();

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
        return ((Number) io.duckpond.tlogfs.io.Json.parseObject(f.stats().orElseThrow()).get("numRecords")).longValue();
    }
}
