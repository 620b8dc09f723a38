package io.duckpond.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command behaviour, run in process on real ponds (the packaged launcher is covered by pond-e2e). */
class CommandsTest {

    @TempDir
    Path dir;

    InProcessPond pond;

    @BeforeEach
    void init() {
        pond = new InProcessPond(dir.resolve("pond"), dir);
        pond.ok("init");
    }

    private Path parquet(String name, String select) throws Exception {
        Path file = dir.resolve(name);
        try (DuckSession duck = DuckSession.open()) {
            duck.execute("COPY (" + select + ") TO " + DuckSession.literal(file.toString()) + " (FORMAT parquet)");
        }
        return file;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSeriesGrowsByVersionsThatRecordTheirEventTimeRangeAndTimestampColumn() throws Exception {
        Path january = parquet("jan.parquet", "SELECT TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (i) HOUR AS ts, "
                + "i::DOUBLE AS flow FROM range(24) t(i)");
        Path february = parquet("feb.parquet", "SELECT TIMESTAMP '2026-02-01 00:00:00' + INTERVAL (i) HOUR AS ts, "
                + "i::DOUBLE AS flow, 'ok' AS status FROM range(48) t(i)");
        pond.ok("copy", "host+series://" + january, "/flow.series");
        pond.ok("copy", february.toString(), "/flow.series");

        Map<String, Object> described = (Map<String, Object>) Json.parse(pond.ok("describe", "/flow.series",
                "--format", "jsonl").out());
        assertThat(described).containsEntry("type", "file:series").containsEntry("timestamp_column", "ts");
        List<Map<String, Object>> versions = (List<Map<String, Object>>) described.get("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0)).containsEntry("min_event_time", "2026-01-01T00:00:00Z")
                .containsEntry("max_event_time", "2026-01-01T23:00:00Z");
        assertThat(versions.get(1)).containsEntry("min_event_time", "2026-02-01T00:00:00Z")
                .containsEntry("max_event_time", "2026-02-02T23:00:00Z");

        // Out, a series is one Parquet file of all its versions, unioned by column name.
        Path out = Files.createDirectories(dir.resolve("out"));
        pond.ok("copy", "/flow.series", "host://" + out);
        try (DuckSession duck = DuckSession.open()) {
            List<long[]> counts = duck.query("SELECT count(*), count(status) FROM read_parquet("
                    + DuckSession.literal(out.resolve("flow.series").toString()) + ")",
                    r -> new long[] {r.getLong(1), r.getLong(2)});
            assertThat(counts.get(0)).containsExactly(72, 48);
        }
    }

    @Test
    void tablesAndSeriesMustBeParquetAndTheErrorNamesTheMagicBytes() throws Exception {
        Path csv = Files.writeString(dir.resolve("t.csv"), "a,b\n1,2\n");
        InProcessPond.Run run = pond.run("copy", "host+table://" + csv, "/t");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Not a Parquet file").contains("'PAR1'").contains("--format data");
        assertThat(pond.run("copy", "--format", "series", csv.toString(), "/s").stderr()).contains("'PAR1'");
        assertThat(pond.ok("log", "--format", "jsonl").out().lines()).hasSize(1);
    }

    @Test
    void aSeriesWithoutATimestampColumnIsRefusedWithTheColumnsItHas() throws Exception {
        Path file = parquet("no-time.parquet", "SELECT 1 AS a, 'x' AS b");
        InProcessPond.Run run = pond.run("copy", "host+series://" + file, "/s.series");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("No timestamp column").contains("columns: a, b").contains("--timestamp-column");
        Path other = parquet("other.parquet", "SELECT TIMESTAMP '2026-03-01 10:00:00' AS measured_at, 1 AS v");
        pond.ok("copy", "--timestamp-column", "measured_at", "host+series://" + other, "/s.series");
    }

    @Test
    void identicalContentIsANoOpUnlessForcedAndTheEntryTypeIsKept() throws Exception {
        Path file = parquet("t.parquet", "SELECT 1 AS x");
        pond.ok("copy", "host+table://" + file, "/t");
        InProcessPond.Run again = pond.ok("copy", file.toString(), "/t");
        assertThat(again.stderr()).contains("Unchanged: /t already holds this content (version 1)")
                .contains("Nothing changed");
        InProcessPond.Run forced = pond.ok("copy", "--force", file.toString(), "/t");
        assertThat(forced.stderr()).contains("in transaction 2");
        assertThat(pond.ok("list", "-l", "/t").out()).startsWith("file:table").contains("v2");
        InProcessPond.Run changeType = pond.run("copy", "--format", "data", file.toString(), "/t");
        assertThat(changeType.exitCode()).isEqualTo(1);
        assertThat(changeType.stderr()).contains("Entry type cannot change: /t is file:table, not file:data");
    }

    @Test
    void copyRecursiveMirrorsAHostDirectoryInOneTransaction() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("export/a/b"));
        Files.writeString(tree.resolve("deep.txt"), "deep");
        Files.writeString(dir.resolve("export/top.txt"), "top");
        assertThat(pond.run("copy", dir.resolve("export").toString(), "/").stderr()).contains("use -r");
        pond.ok("copy", "-r", dir.resolve("export").toString(), "/");
        assertThat(pond.ok("list", "/**").out().lines())
                .containsExactly("/export", "/export/a", "/export/a/b", "/export/a/b/deep.txt", "/export/top.txt");
        assertThat(pond.ok("log", "--format", "jsonl").out().lines()).hasSize(2);
    }

    @Test
    void copyOutNeverWritesOutsideItsDestinationThroughAHostSymlink() throws Exception {
        pond.ok("mkdir", "/sub");
        Path small = Files.writeString(dir.resolve("x.txt"), "x");
        pond.ok("copy", small.toString(), "/sub/");
        Path out = Files.createDirectories(dir.resolve("out"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(out.resolve("sub"), elsewhere);
        InProcessPond.Run run = pond.run("copy", "/*/*", "host://" + out);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Refusing to write outside the destination");
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void standardInputNeedsAFileNameAsDestination() {
        pond.ok("mkdir", "/in");
        InProcessPond.Run run = pond.runWithInput("x".getBytes(), "copy", "-", "/in");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("Standard input has no name").contains("/in/input.bin");
        pond.ok("copy", "-", "/in/data.bin");
    }

    @Test
    void catOfADirectoryOrAMissingFileFailsWithTheReason() {
        pond.ok("mkdir", "/d");
        assertThat(pond.run("cat", "/d").stderr()).contains("Is a directory: /d");
        InProcessPond.Run missing = pond.run("cat", "/nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("pond: No such file or directory: /nope (check the path with 'pond list')\n");
        assertThat(pond.run("cat", "--at-txn", "99", "/d").stderr()).contains("No such transaction: 99");
    }

    @Test
    void withoutAPondTheCommandSaysHowToNameOne() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        CliContext noPond = new CliContext(java.io.InputStream.nullInputStream(),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err, true),
                Map.of(), dir, CliContext.Terminal.NONE);
        assertThat(PondCli.run(noPond, "list")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("No pond given").contains("--pond DIR or export POND=DIR");
    }

    @Test
    void statusAndShowDescribeThePond() {
        pond.ok("mkdir", "/a");
        Map<?, ?> status = (Map<?, ?>) Json.parse(pond.ok("status", "--format", "json").out());
        assertThat(status.get("latest_txn")).isEqualTo(1L);
        assertThat(status.get("needs_recover")).isEqualTo(false);
        String show = pond.ok("show", "--txn-seq", "1").out();
        assertThat(show).startsWith("Transaction 1").contains("mkdir /a").contains("directory").contains("changes: +a")
                .contains("full listing of 0 entries");
    }
}
