package io.duckpond.conformance;

import static io.duckpond.conformance.ScenarioPond.LAST_TXN;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.Snapshot;
import io.duckpond.tlogfs.delta.Action.AddFile;
import io.duckpond.tlogfs.oplog.OplogSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * At every checked version of the data table, Kernel and pond's own reader (its {@code DeltaLog} replay for the file
 * list, DuckDB {@code read_parquet} for the rows) see the same files with the same partition values and sizes, and the
 * same rows, every column included (so the same multiset of part_id, node_id, version, txn_seq, sha256 and size).
 */
class KernelAgreesWithPondsReaderTest extends ScenarioWithDuckDb {

    @ParameterizedTest(name = "version {0}")
    @ValueSource(longs = {0, 1, 2, 8, 50, 98, 99, 100, 101, LAST_TXN})
    void kernelAndPondReadTheSameFilesAndRows(long version) {
        Snapshot snapshot = KernelTables.at(scenario.data(), version);

        List<KernelTables.ScanFile> pondFiles = PondTables.files(duck, scenario.data(), version).stream()
                .map(KernelAgreesWithPondsReaderTest::scanFile).toList();
        assertThat(KernelTables.scanFiles(snapshot, Optional.empty())).containsExactlyInAnyOrderElementsOf(pondFiles);

        Map<String, List<Map<String, Object>>> kernel = KernelTables.rowsByFile(snapshot, Optional.empty());
        Map<String, List<Map<String, Object>>> pond = PondTables.rowsByFile(duck, scenario.data(), OplogSchema.SCHEMA,
                version);
        assertThat(kernel.keySet()).containsExactlyElementsOf(pond.keySet());
        kernel.forEach((file, rows) -> assertThat(rows).as(file).containsExactlyInAnyOrderElementsOf(pond.get(file)));
        assertThat(kernel.values().stream().mapToInt(List::size).sum()).isPositive();
    }

    private static KernelTables.ScanFile scanFile(AddFile add) {
        return new KernelTables.ScanFile(add.relativePath(), add.partitionValues(), add.size());
    }
}
