package io.duckpond.conformance;

import static io.duckpond.conformance.ScenarioPond.LAST_TXN;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.Snapshot;
import io.duckpond.steward.Pond;
import io.duckpond.steward.control.ControlLog;
import io.duckpond.steward.control.ControlRecord;
import io.duckpond.tlogfs.duck.DuckSession;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delta Kernel reads pond's control table (one record per write command, unpartitioned) at its latest version, from
 * its checkpoint, and at earlier versions, and gets exactly the records pond's {@link ControlLog} reads.
 */
class KernelReadsEveryVersionOfTheControlTableTest {

    /** Control versions: one commit per write command, so the failed attempt shifts them one past the data's. */
    static final long LAST_CONTROL_VERSION = LAST_TXN + 1;
    /** Every attempt before the failing one committed, so attempt n wrote control version n. */
    static final long FAILED_ATTEMPT_VERSION = ScenarioPond.FAILING_ATTEMPT;

    @TempDir
    static Path dir;

    static ScenarioPond scenario;
    static Pond pond;
    static DuckSession duck;

    @BeforeAll
    static void makePond() {
        scenario = ScenarioPond.copyInto(dir);
        pond = Pond.open(scenario.root);
        duck = DuckSession.open();
    }

    @AfterAll
    static void closePond() {
        pond.close();
        duck.close();
    }

    @Test
    void theLatestSnapshotIsTheUnpartitionedControlTableStartingFromItsCheckpoint() throws Exception {
        Snapshot snapshot = KernelTables.latest(scenario.control());

        assertThat(snapshot.getVersion()).isEqualTo(LAST_CONTROL_VERSION);
        assertThat(snapshot.getLogSegment().getCheckpointVersionOpt()).contains(100L);
        assertThat(snapshot.getPartitionColumnNames()).isEmpty();
        assertThat(snapshot.getProtocol().getMinReaderVersion()).isEqualTo(1);
        assertThat(snapshot.getProtocol().getMinWriterVersion()).isEqualTo(2);
        assertThat(snapshot.getTableProperties())
                .containsEntry("delta.appendOnly", "true")
                .containsEntry("pond.id", pond.id());
        assertThat(snapshot.getLatestTransactionVersion(KernelTables.ENGINE, "duckpond"))
                .contains(LAST_TXN)
                .contains(pond.control().recordedThrough());
    }

    @Test
    void kernelReadsTheRecordsControlLogReads() throws Exception {
        List<ControlRecord> kernel = KernelTables.rows(KernelTables.latest(scenario.control()), Optional.empty())
                .stream().map(KernelReadsEveryVersionOfTheControlTableTest::record)
                .sorted(Comparator.comparingLong(ControlRecord::startedMicros)).toList();

        assertThat(kernel).isEqualTo(pond.control().records());
        assertThat(kernel).hasSize((int) LAST_CONTROL_VERSION + 1);
        assertThat(kernel.get(0).command()).containsExactly("pond", "init");
        assertThat(kernel).filteredOn(r -> r.outcome() == ControlRecord.Outcome.FAILED).singleElement()
                .satisfies(failed -> {
                    assertThat(failed.txnSeq()).isEmpty();
                    assertThat(failed.message())
                            .contains("scripted failure at attempt " + ScenarioPond.FAILING_ATTEMPT);
                });
        assertThat(kernel).filteredOn(r -> r.outcome() == ControlRecord.Outcome.COMMITTED)
                .extracting(r -> r.txnSeq().orElseThrow())
                .containsExactlyElementsOf(LongStream.rangeClosed(0, LAST_TXN).boxed().toList());
    }

    /** Each control version adds one file with one record; Kernel reads the same files and rows as pond's reader. */
    @ParameterizedTest(name = "version {0}")
    @ValueSource(longs = {0, 1, FAILED_ATTEMPT_VERSION - 1, FAILED_ATTEMPT_VERSION, 99, 100, 101, LAST_CONTROL_VERSION})
    void eachVersionHoldsOneRecordPerCommandSoFarAsPondsReaderSees(long version) {
        Snapshot snapshot = KernelTables.at(scenario.control(), version);
        Map<String, List<Map<String, Object>>> kernel = KernelTables.rowsByFile(snapshot, Optional.empty());

        assertThat(kernel).hasSize((int) version + 1);
        assertThat(kernel.values()).allSatisfy(rows -> assertThat(rows).hasSize(1));
        assertThat(kernel).isEqualTo(PondTables.rowsByFile(duck, scenario.control(), ControlLog.SCHEMA, version));
        boolean failedAttemptSeen = kernel.values().stream().flatMap(List::stream)
                .anyMatch(r -> r.get("outcome").equals("failed"));
        assertThat(failedAttemptSeen).isEqualTo(version >= FAILED_ATTEMPT_VERSION);
    }

    @SuppressWarnings("unchecked")
    private static ControlRecord record(Map<String, Object> row) {
        return new ControlRecord(Optional.ofNullable((Long) row.get("txn_seq")), (List<String>) row.get("command"),
                ControlRecord.Outcome.fromLabel((String) row.get("outcome")), (String) row.get("user"),
                (String) row.get("host"), (Long) row.get("pid"), (Long) row.get("started"), (Long) row.get("ended"),
                (String) row.get("pond_id"), Optional.ofNullable((String) row.get("message")));
    }
}
