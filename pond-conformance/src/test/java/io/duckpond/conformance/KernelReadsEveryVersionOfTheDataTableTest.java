package io.duckpond.conformance;

import static io.duckpond.conformance.ScenarioPond.LAST_TXN;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.Snapshot;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.node.NodeId;
import io.duckpond.tlogfs.oplog.OplogRow;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delta Kernel reads pond's data table (the oplog) at its latest version and at earlier ones, and what it reads is what
 * pond wrote: the table's metadata, each transaction's rows, the inline contents byte for byte, times in UTC
 * microseconds.
 */
class KernelReadsEveryVersionOfTheDataTableTest {

    @TempDir
    static Path dir;

    static ScenarioPond scenario;
    static Pond pond;
    static List<Map<String, Object>> latestRows;

    @BeforeAll
    static void makePond() {
        scenario = ScenarioPond.copyInto(dir);
        pond = Pond.open(scenario.root);
        latestRows = KernelTables.rows(KernelTables.latest(scenario.data()), Optional.empty());
    }

    @AfterAll
    static void closePond() {
        pond.close();
    }

    @Test
    void theLatestSnapshotIsTheOplogTablePartitionedByPartId() {
        Snapshot snapshot = KernelTables.latest(scenario.data());

        assertThat(snapshot.getVersion()).isEqualTo(LAST_TXN);
        assertThat(snapshot.getPartitionColumnNames()).containsExactly("part_id");
        assertThat(snapshot.getProtocol().getMinReaderVersion()).isEqualTo(1);
        assertThat(snapshot.getProtocol().getMinWriterVersion()).isEqualTo(2);
        assertThat(snapshot.getTableProperties())
                .containsEntry("delta.appendOnly", "true")
                .containsEntry("delta.checkpointInterval", "100")
                .containsEntry("pond.id", pond.id())
                .containsEntry("pond.format-version", "1");
        assertThat(snapshot.getLatestTransactionVersion(KernelTables.ENGINE, "duckpond")).contains(LAST_TXN);
    }

    @Test
    void versionZeroHoldsTheRootDirectoryAndVersionOneTheFirstTransaction() {
        List<Map<String, Object>> v0 = KernelTables.rows(KernelTables.at(scenario.data(), 0), Optional.empty());
        assertThat(v0).singleElement().satisfies(root -> {
            assertThat(root).containsEntry("part_id", NodeId.ROOT.value())
                    .containsEntry("node_id", NodeId.ROOT.value())
                    .containsEntry("file_type", "directory")
                    .containsEntry("version", 1L)
                    .containsEntry("txn_seq", 0L);
        });
        // Transaction 1 made /inbox, /archive, /series and /archive/old and wrote /inbox/readme.txt: a new version of
        // the root, one listing for each new directory and one file row.
        List<Map<String, Object>> v1 = KernelTables.rows(KernelTables.at(scenario.data(), 1), Optional.empty());
        assertThat(v1).hasSize(7);
        assertThat(v1).filteredOn(r -> r.get("txn_seq").equals(1L))
                .extracting(r -> r.get("file_type"))
                .containsExactlyInAnyOrder("directory", "directory", "directory", "directory", "directory",
                        "file:data");
    }

    /** The table is append-only: version v holds exactly the rows of transactions 0 to v, however Kernel reads it. */
    @ParameterizedTest(name = "version {0}")
    @ValueSource(longs = {0, 1, 2, 8, 50, 99, 100, 101, LAST_TXN})
    void eachVersionHoldsExactlyTheRowsOfTheTransactionsUpToIt(long version) {
        Snapshot snapshot = KernelTables.at(scenario.data(), version);
        List<Map<String, Object>> rows = KernelTables.rows(snapshot, Optional.empty());

        assertThat(snapshot.getVersion()).isEqualTo(version);
        assertThat(snapshot.getLatestTransactionVersion(KernelTables.ENGINE, "duckpond")).contains(version);
        assertThat(rows).isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(latestRows.stream()
                        .filter(r -> (Long) r.get("txn_seq") <= version).toList());
        assertThat(rows).extracting(r -> (Long) r.get("txn_seq")).contains(version);
    }

    @Test
    void everyTransactionsRowsAreTheOnesPondSaysItWrote() throws Exception {
        Map<Long, List<Map<String, Object>>> byTxn = latestRows.stream()
                .collect(Collectors.groupingBy(r -> (Long) r.get("txn_seq")));
        assertThat(byTxn.keySet()).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(0, LAST_TXN).boxed().toList());

        for (long txn = 0; txn <= LAST_TXN; txn++) {
            List<List<Object>> kernel = byTxn.get(txn).stream().map(r -> List.<Object>of(r.get("part_id"),
                    r.get("node_id"), r.get("file_type"), r.get("version"), r.get("size"), r.get("sha256"))).toList();
            List<List<Object>> pondRows = new ArrayList<>();
            for (OplogRow r : pond.data().rowsOf(txn)) {
                pondRows.add(List.of(r.partId(), r.nodeId(), r.fileType(), r.version(), r.size(), r.sha256()));
            }
            assertThat(kernel).as("transaction %d", txn).containsExactlyInAnyOrderElementsOf(pondRows);
        }
    }

    @Test
    void inlineContentIsTheBytesWrittenAndLargeContentLivesInTheLargeFileStore() throws Exception {
        int inline = 0;
        int large = 0;
        for (Map<String, Object> row : latestRows) {
            String sha = (String) row.get("sha256");
            long size = (Long) row.get("size");
            Blob content = (Blob) row.get("content");
            if (size < LargeFileStore.THRESHOLD) {
                assertThat(content).as("inline content of %s", row.get("node_id")).isNotNull();
                assertThat(ScenarioPond.sha256(content.bytes())).isEqualTo(sha);
                assertThat((long) content.bytes().length).isEqualTo(size);
                if (row.get("file_type").equals("file:data") || row.get("file_type").equals("file:series")) {
                    assertThat(scenario.contents.get(sha)).as("bytes written with sha256 %s", sha).isNotNull();
                }
                inline++;
            } else {
                assertThat(content).as("content of large %s", row.get("node_id")).isNull();
                Path stored = scenario.data().resolve("_large_files").resolve(sha.substring(0, 2)).resolve(sha);
                assertThat(stored).exists();
                byte[] bytes = Files.readAllBytes(stored);
                assertThat((long) bytes.length).isEqualTo(size);
                assertThat(ScenarioPond.sha256(bytes)).isEqualTo(sha);
                assertThat(bytes).isEqualTo(scenario.contents.get(sha));
                large++;
            }
        }
        assertThat(inline).isGreaterThan(100);
        assertThat(large).isGreaterThan(10);
        assertThat(latestRows).extracting(r -> r.get("size"))
                .contains((long) LargeFileStore.THRESHOLD - 1, (long) LargeFileStore.THRESHOLD);
        assertThat(latestRows).filteredOn(r -> r.get("file_type").equals("symlink")).singleElement()
                .satisfies(link -> assertThat(((Blob) link.get("content")).bytes())
                        .isEqualTo("/inbox/readme.txt".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aMoveRewritesTheFilesWholeHistoryIntoItsNewPartition() {
        long move = ScenarioPond.MOVE_TXN;
        List<Map<String, Object>> rewritten = latestRows.stream()
                .filter(r -> r.get("txn_seq").equals(move) && r.get("file_type").equals("file:data")).toList();

        assertThat(rewritten).hasSizeGreaterThan(5);
        for (Map<String, Object> row : rewritten) {
            Map<String, Object> original = latestRows.stream()
                    .filter(r -> r.get("node_id").equals(row.get("node_id"))
                            && r.get("version").equals(row.get("version")) && (Long) r.get("txn_seq") < move)
                    .findFirst().orElseThrow();
            assertThat(row.get("part_id")).isNotEqualTo(original.get("part_id"));
            Map<String, Object> same = new HashMap<>(row);
            same.put("part_id", original.get("part_id"));
            same.put("txn_seq", original.get("txn_seq"));
            assertThat(same).as("version %s, moved", row.get("version")).isEqualTo(original);
        }
    }

    @Test
    void timesAreMicrosecondsInUtcAndSeriesKeepTheirEventTimesAndAttributes() throws Exception {
        // Directory rows are always written by their own transaction, at the time its commitInfo records in ms.
        for (Map<String, Object> row : latestRows) {
            if (row.get("file_type").equals("directory")) {
                long txn = (Long) row.get("txn_seq");
                Object committed = pond.data().commitInfo(txn).orElseThrow().get("timestamp");
                assertThat((Long) row.get("timestamp") / 1000).as("transaction %d", txn)
                        .isEqualTo(((Number) committed).longValue());
            }
        }
        List<Map<String, Object>> series = latestRows.stream()
                .filter(r -> r.get("file_type").equals("file:series")).toList();
        assertThat(series).hasSizeGreaterThan(10).allSatisfy(r -> {
            long start = 1_767_225_600_000_000L + (Long) r.get("txn_seq") * 3_600_000_000L;
            assertThat(r).containsEntry("min_event_time", start)
                    .containsEntry("max_event_time", start + 3_599_000_000L)
                    .containsEntry("extended_attributes", "{\"" + ScenarioPond.SERIES_ATTRIBUTE + "\":\"ts\"}");
        });
        assertThat(latestRows).filteredOn(r -> !r.get("file_type").equals("file:series"))
                .allSatisfy(r -> assertThat(r).containsEntry("min_event_time", null)
                        .containsEntry("max_event_time", null)
                        .containsEntry("extended_attributes", null));
    }
}
