package io.duckpond.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.steward.Invocation;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.oplog.OplogSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After {@code pond maintain} (add + remove with dataChange=false), Kernel reads the same rows, now and before. */
class KernelReadsACompactedPondTest {

    @TempDir
    Path dir;

    private static final Comparator<Map<String, Object>> ORDER = Comparator
            .comparing((Map<String, Object> r) -> String.valueOf(r.get("node_id")))
            .thenComparing(r -> String.valueOf(r.get("version"))).thenComparing(r -> String.valueOf(r.get("txn_seq")));

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
        return rows.stream().sorted(ORDER).toList();
    }

    @Test
    void kernelReadsEveryVersionAfterCompactionAndAgreesWithPond() {
        Path root = dir.resolve("pond");
        try (Pond pond = Pond.init(root, Invocation.current(List.of("pond", "init")), Optional.empty())) {
            for (int i = 0; i < 8; i++) {
                int n = i;
                pond.write(Invocation.current(List.of("pond", "copy")), Duration.ZERO, tx -> {
                    try {
                        return tx.write(PondPath.parse("/f" + (n % 2)), EntryType.FILE_DATA,
                                tx.stage(new ByteArrayInputStream(("content " + n).getBytes())), Optional.empty(), Map.of());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            long compactedAt = pond.maintain(Invocation.current(List.of("pond", "maintain")), Duration.ZERO)
                    .txnSeq().orElseThrow();
            Path data = root.resolve("data");
            try (DuckSession duck = DuckSession.open()) {
                List<Map<String, Object>> before = sorted(KernelTables.rows(KernelTables.at(data, compactedAt - 1),
                        Optional.empty()));
                List<Map<String, Object>> after = sorted(KernelTables.rows(KernelTables.at(data, compactedAt),
                        Optional.empty()));
                assertThat(after).hasSize(before.size()).isEqualTo(before);
                assertThat(KernelTables.scanFiles(KernelTables.at(data, compactedAt), Optional.empty())).hasSize(1);
                assertThat(after).isEqualTo(sorted(PondTables.rows(duck, data, OplogSchema.SCHEMA, compactedAt)));
                assertThat(sorted(KernelTables.rows(KernelTables.at(data, 3), Optional.empty())))
                        .isEqualTo(sorted(PondTables.rows(duck, data, OplogSchema.SCHEMA, 3)));
            }
        }
    }
}
