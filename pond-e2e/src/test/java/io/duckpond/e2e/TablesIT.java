package io.duckpond.e2e;

import static io.duckpond.e2e.CrashLoop.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables, series and SQL through the packaged launcher, as separate processes. */
class TablesIT {

    @TempDir
    Path dir;

    @Test
    void aMillionRowCsvConvertsCompletelyUnderASmallHeapAndQueriesStream() throws Exception {
        int rows = 1_000_000;
        Path csv = dir.resolve("big.csv");
        long expectedSum = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("ts,station,value\n");
            LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0);
            for (int i = 0; i < rows; i++) {
                int value = (i * 7919) % 1000;
                expectedSum += value;
                out.write(start.plusSeconds(i).toString().replace('T', ' ') + ",s" + (i % 5) + "," + value + "\n");
            }
        }
        PondRunner pond = new PondRunner(dir.resolve("pond"), "-Xmx64m");
        ok(pond.run("init"));
        ok(pond.run("copy", "host+csv+series://" + csv, "/big.series"));
        PondRunner.Result counted = ok(pond.run("cat", "/big.series", "--format", "csv", "--sql",
                "SELECT count(*) AS n, sum(value) AS s FROM source"));
        assertThat(counted.out()).isEqualTo("n,s\n" + rows + "," + expectedSum + "\n");

        // All rows out as CSV: the result streams (the heap is a small fraction of it).
        Path all = dir.resolve("all.csv");
        ok(pond.run(null, all, "cat", "/big.series", "--format", "csv"));
        assertThat(Files.lines(all).count()).isEqualTo(rows + 1L);
        Path table = dir.resolve("all.txt");
        ok(pond.run(null, table, "cat", "/big.series", "--format", "table"));
        assertThat(Files.readAllLines(table).get(Files.readAllLines(table).size() - 1))
                .isEqualTo("1000000 rows (40 shown)");
    }

    @Test
    void catIntoAPipeGivesParquetAndATableOrSeriesKeepsItsPlace() throws Exception {
        PondRunner pond = new PondRunner(dir.resolve("pond"));
        ok(pond.run("init"));
        Path csv = Files.writeString(dir.resolve("t.csv"), "time,v\n2026-01-01 00:00:00,1\n2026-01-02 00:00:00,2\n");
        ok(pond.run("copy", "host+csv://" + csv, "/t"));
        PondRunner.Result piped = ok(pond.run("cat", "/t"));
        assertThat(new String(piped.stdout(), 0, 4)).isEqualTo("PAR1");
        PondRunner.Result described = ok(pond.run("describe", "/t", "--format", "jsonl"));
        assertThat(described.out()).contains("\"type\":\"file:table\"").contains("\"rows\":2");
    }
}
