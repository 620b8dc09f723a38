package io.duckpond.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.conformance.KernelTables;
import io.duckpond.steward.Pond;
import io.duckpond.steward.fsck.Fsck;
import io.duckpond.tlogfs.delta.DeltaLog;
import io.duckpond.tlogfs.duck.DuckSession;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What must hold after every trial: after {@code pond recover} the pond is exactly as before the interrupted command
 * or exactly as after it (and as after it if the command exited 0); {@code fsck} is clean; Delta Kernel reads both
 * tables and finds the rows pond's own reader finds; the next write succeeds.
 */
final class Invariants {
    private Invariants() {}

    static void check(Path pond, SortedMap<String, String> before, SortedMap<String, String> after, boolean exitedZero) {
        Workload.Ran recovered = Workload.run(pond, List.of("recover"));
        if (!before.containsKey("") || before.get("").equals("no pond")) {
            // An interrupted init: there may be no pond at all, which is "before".
            if (PondState.of(pond).equals(before)) {
                return;
            }
        }
        assertThat(recovered.exitCode()).as("recover: %s %s", recovered.stderr(), recovered.thrown()).isZero();
        SortedMap<String, String> state = PondState.of(pond);
        if (exitedZero) {
            assertThat(state).as("the command exited 0, so its transaction is there").isEqualTo(after);
        } else {
            assertThat(state).as("wholly before or wholly after").isIn(before, after);
        }
        try (Pond p = Pond.open(pond)) {
            assertThat(Fsck.check(p)).as("fsck after recover").isEmpty();
        }
        for (String table : List.of("data", "control")) {
            Path root = pond.resolve(table);
            long kernelRows = KernelTables.rows(KernelTables.latest(root), Optional.empty()).size();
            assertThat(kernelRows).as("Delta Kernel reads the %s table", table).isEqualTo(pondRows(root));
        }
        Workload.Ran next = Workload.run(pond, List.of("mkdir", "/next-write"));
        assertThat(next.exitCode()).as("the next write: %s %s", next.stderr(), next.thrown()).isZero();
        assertThat(PondState.of(pond)).containsKey("/next-write");
    }

    private static long pondRows(Path table) {
        try (DuckSession duck = DuckSession.open()) {
            List<Path> files = new DeltaLog(table, duck).snapshot().files().stream()
                    .map(f -> table.resolve(f.relativePath())).toList();
            if (files.isEmpty()) {
                return 0;
            }
            return duck.query("SELECT count(*) FROM read_parquet(" + DuckSession.pathList(files) + ")",
                    r -> r.getLong(1)).get(0);
        } catch (java.io.IOException | SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
