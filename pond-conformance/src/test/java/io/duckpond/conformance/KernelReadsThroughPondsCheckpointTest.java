package io.duckpond.conformance;

import static io.duckpond.conformance.ScenarioPond.LAST_TXN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.kernel.Snapshot;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.internal.snapshot.LogSegment;
import io.duckpond.tlogfs.delta.DeltaLog;
import io.duckpond.tlogfs.io.Json;
import io.duckpond.tlogfs.oplog.OplogSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pond checkpoints both tables at version 100, Kernel starts from that checkpoint for version 100 and later, and the
 * checkpoint alone (every commit before it deleted) gives Kernel the whole table.
 */
class KernelReadsThroughPondsCheckpointTest extends ScenarioWithDuckDb {

    @ParameterizedTest(name = "{0} table")
    @ValueSource(strings = {"data", "control"})
    void pondWroteCheckpoint100AndPointedLastCheckpointAtIt(String table) throws Exception {
        Path log = scenario.root.resolve(table).resolve("_delta_log");

        assertThat(log.resolve("00000000000000000100.checkpoint.parquet")).isRegularFile();
        assertThat(Json.parseObject(Files.readString(log.resolve("_last_checkpoint"))))
                .containsEntry("version", 100L);
        try (var names = Files.list(log)) {
            assertThat(names.map(p -> p.getFileName().toString()).filter(n -> n.contains("checkpoint")))
                    .containsExactlyInAnyOrder("00000000000000000100.checkpoint.parquet", "_last_checkpoint");
        }
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(longs = {100, 101, LAST_TXN})
    void kernelStartsFromTheCheckpointAtAndAfterVersion100(long version) {
        LogSegment segment = KernelTables.at(scenario.data(), version).getLogSegment();

        assertThat(segment.getCheckpointVersionOpt()).contains(100L);
        assertThat(segment.getCheckpoints()).singleElement()
                .satisfies(f -> assertThat(f.getPath()).endsWith("/00000000000000000100.checkpoint.parquet"));
        assertThat(segment.getDeltas()).hasSize((int) (version - 100));
    }

    @Test
    void kernelReadsVersion99FromTheCommitsAlone() {
        LogSegment segment = KernelTables.at(scenario.data(), 99).getLogSegment();

        assertThat(segment.getCheckpointVersionOpt()).isEmpty();
        assertThat(segment.getDeltas()).hasSize(100);
    }

    @Test
    void theLatestControlSnapshotStartsFromItsCheckpoint() {
        Snapshot control = KernelTables.latest(scenario.control());

        assertThat(control.getLogSegment().getCheckpointVersionOpt()).contains(100L);
        assertThat(control.getLogSegment().getDeltas()).hasSize((int) (control.getVersion() - 100));
    }

    @Test
    void pondsOwnReaderAlsoStartsFromTheCheckpoint() throws Exception {
        // the checkpoint, then the commits after it
        assertThat(new DeltaLog(scenario.data(), duck).snapshotAt(LAST_TXN).logFilesRead())
                .isEqualTo(1 + (int) (LAST_TXN - 100));
    }

    /**
     * With every commit before 100 deleted (100.json must stay, as the protocol requires), Kernel reads the same files
     * and rows at 100 and later as from the full log: the checkpoint holds the whole table, stats included. Versions
     * before it are refused, not misread.
     */
    @ParameterizedTest(name = "{0} table")
    @ValueSource(strings = {"data", "control"})
    void theCheckpointAloneHoldsTheWholeTable(String table, @TempDir Path copyDir) throws Exception {
        Path full = scenario.root.resolve(table);
        Path truncated = copyDir.resolve(table);
        copyTree(full, truncated);
        for (long v = 0; v < 100; v++) {
            Files.delete(truncated.resolve("_delta_log").resolve(DeltaLog.commitFileName(v)));
        }
        long latest = KernelTables.latest(full).getVersion();

        for (long version : List.of(100L, latest)) {
            Snapshot fromCheckpoint = KernelTables.at(truncated, version);
            assertThat(fromCheckpoint.getLogSegment().getDeltas()).hasSize((int) (version - 100));
            assertThat(KernelTables.scanFiles(fromCheckpoint, Optional.empty()))
                    .containsExactlyInAnyOrderElementsOf(KernelTables.scanFiles(KernelTables.at(full, version),
                            Optional.empty()));
            assertThat(KernelTables.rowsByFile(fromCheckpoint, Optional.empty()))
                    .isEqualTo(KernelTables.rowsByFile(KernelTables.at(full, version), Optional.empty()));
        }
        if (table.equals("data")) {
            assertThat(KernelTables.rowsByFile(KernelTables.at(truncated, LAST_TXN), Optional.empty()))
                    .isEqualTo(PondTables.rowsByFile(duck, truncated, OplogSchema.SCHEMA, LAST_TXN));
        }
        assertThatThrownBy(() -> KernelTables.at(truncated, 99))
                .isInstanceOf(KernelException.class)
                .hasMessageContaining("The earliest available version is 100");
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

}
