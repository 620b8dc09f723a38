package io.duckpond.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL through the CLI, checked against the same numbers computed here in Java. */
class SqlCommandsTest {

    @TempDir
    Path dir;

    InProcessPond pond;

    /** One reading of the generated station data. */
    record Reading(LocalDateTime ts, String probe, double celsius) {}

    final List<Reading> readings = new ArrayList<>();

    @BeforeEach
    void init() throws Exception {
        pond = new InProcessPond(dir.resolve("pond"), dir);
        pond.ok("init");
        pond.ok("mkdir", "-p", "/sites/north", "/sites/south");
        Random random = new Random(11);
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        for (int week = 0; week < 3; week++) {
            StringBuilder csv = new StringBuilder("timestamp,probe,celsius\n");
            for (int i = 0; i < 7 * 24; i++) {
                LocalDateTime ts = LocalDateTime.of(2026, 11, 1, 0, 0).plusDays(7L * week).plusHours(i);
                for (String probe : List.of("a", "b")) {
                    double celsius = Math.round(random.nextGaussian() * 400) / 100.0 + 8;
                    readings.add(new Reading(ts, probe, celsius));
                    csv.append(format.format(ts)).append(',').append(probe).append(',').append(celsius).append('\n');
                }
            }
            Path file = Files.writeString(dir.resolve("week" + week + ".csv"), csv);
            pond.ok("copy", "host+csv+series://" + file, "/sites/north/temp.series");
        }
        Path south = Files.writeString(dir.resolve("south.csv"), "timestamp,probe,celsius\n2026-11-02 00:00:00,z,1.5\n");
        pond.ok("copy", "host+csv+series://" + south, "/sites/south/temp.series");
    }

    private static String csvNumber(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }

    @Test
    void groupedAggregatesMatchAJavaComputation() {
        String out = pond.ok("cat", "/sites/north/temp.series", "--format", "csv", "--sql",
                "SELECT probe, count(*) AS n, round(sum(celsius), 6) AS total, min(celsius) AS lo, max(celsius) AS hi "
                        + "FROM series GROUP BY probe ORDER BY probe").out();
        List<String> expected = new ArrayList<>(List.of("probe,n,total,lo,hi"));
        for (String probe : List.of("a", "b")) {
            List<Double> values = readings.stream().filter(r -> r.probe().equals(probe)).map(Reading::celsius).toList();
            double total = values.stream().mapToDouble(Double::doubleValue).sum();
            expected.add(probe + "," + values.size() + "," + Math.round(total * 1e6) / 1e6 + ","
                    + values.stream().min(Double::compare).get() + "," + values.stream().max(Double::compare).get());
        }
        assertThat(out.lines().toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void aDailyMeanOverATimeWindowUsesOnlyTheRowsInTheWindowBothEndsIncluded() {
        String out = pond.ok("cat", "/sites/north/temp.series", "--format", "csv",
                "--time-start", "2026-11-08T00:00:00Z", "--time-end", "2026-11-09T00:00:00Z", "--sql",
                "SELECT count(*) AS n, round(avg(celsius), 9) AS mean FROM source").out();
        Instant start = Instant.parse("2026-11-08T00:00:00Z");
        Instant end = Instant.parse("2026-11-09T00:00:00Z");
        List<Double> inside = readings.stream()
                .filter(r -> !r.ts().toInstant(ZoneOffset.UTC).isBefore(start) && !r.ts().toInstant(ZoneOffset.UTC).isAfter(end))
                .map(Reading::celsius).toList();
        double mean = inside.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(inside).hasSize(2 * 25);
        assertThat(out.lines().toList()).containsExactly("n,mean", inside.size() + "," + Math.round(mean * 1e9) / 1e9);
        String epochMillis = pond.ok("cat", "/sites/north/temp.series", "--format", "csv", "--time-start",
                Long.toString(start.toEpochMilli()), "--time-end", Long.toString(end.toEpochMilli()), "--sql",
                "SELECT count(*) AS n FROM source").out();
        assertThat(epochMillis).isEqualTo("n\n50\n");
    }

    @Test
    void aGlobUnionsEveryMatchingSeries() {
        assertThat(pond.ok("cat", "/sites/*/temp.series", "--format", "csv", "--sql",
                "SELECT count(*) AS n FROM source").out()).isEqualTo("n\n" + (readings.size() + 1) + "\n");
    }

    @Test
    void queryJoinsNamedInputs() {
        String out = pond.ok("query", "--format", "csv", "--input", "north=/sites/north/temp.series",
                "--input", "south=/sites/south/temp.series",
                "SELECT s.probe, n.probe AS north_probe, n.celsius FROM south s JOIN north n USING (timestamp) "
                        + "ORDER BY n.probe").out();
        List<Reading> atThatTime = readings.stream()
                .filter(r -> r.ts().equals(LocalDateTime.of(2026, 11, 2, 0, 0))).toList();
        assertThat(out.lines().toList()).containsExactly("probe,north_probe,celsius",
                "z,a," + atThatTime.get(0).celsius(), "z,b," + atThatTime.get(1).celsius());
    }

    @Test
    void thePondsOwnMetadataIsQueryable() {
        assertThat(pond.ok("query", "--format", "csv", "SELECT count(*) AS versions FROM pond.versions "
                + "WHERE path = '/sites/north/temp.series'").out()).isEqualTo("versions\n3\n");
        assertThat(pond.ok("query", "--format", "csv", "SELECT count(*) AS copies FROM pond.transactions "
                + "WHERE list_contains(command, 'copy')").out()).isEqualTo("copies\n4\n");
        assertThat(pond.ok("query", "--format", "csv", "SELECT path FROM pond.nodes WHERE type = 'directory' "
                + "ORDER BY path").out()).isEqualTo("path\n/sites\n/sites/north\n/sites/south\n");
    }

    @Test
    void aPondFileReadsThroughAFormatUrlAndAHostFileNeedsNoPond() throws Exception {
        Path csv = Files.writeString(dir.resolve("plain.csv"), "x,y\n1,2\n3,4\n");
        pond.ok("copy", csv.toString(), "/plain.csv");
        assertThat(pond.ok("cat", "csv:///plain.csv", "--format", "csv", "--sql", "SELECT sum(x + y) AS s FROM source")
                .out()).isEqualTo("s\n10\n");
        InProcessPond noPond = new InProcessPond(dir.resolve("no-such-pond"), dir);
        assertThat(noPond.ok("cat", "host+csv://" + csv, "--format", "csv", "--sql", "SELECT count(*) AS n FROM source")
                .out()).isEqualTo("n\n2\n");
        assertThat(dir.resolve("no-such-pond")).doesNotExist();
    }

    @Test
    void errorsNameTheFileAndTheProblemExitOneAndWriteNothing() throws Exception {
        String log = pond.ok("log", "--format", "jsonl").out();
        Map<String, String> cases = new TreeMap<>(Map.of(
                "unknown column", "SELECT no_such_column FROM source",
                "bad sql", "SELEC * FROM source",
                "refused access", "SELECT * FROM read_csv('/etc/passwd')",
                "refused statement", "COPY (SELECT 1) TO '/tmp/pond-sql-test.csv'"));
        Map<String, String> expected = Map.of(
                "unknown column", "Referenced column \"no_such_column\" not found",
                "bad sql", "syntax error",
                "refused access", "Refused access",
                "refused statement", "only one SELECT statement may run");
        cases.forEach((label, sql) -> {
            InProcessPond.Run run = pond.run("cat", "/sites/north/temp.series", "--format", "csv", "--sql", sql);
            assertThat(run.exitCode()).as(label).isEqualTo(1);
            assertThat(run.stderr()).as(label).contains(expected.get(label));
            assertThat(run.stdout()).as(label).isEmpty();
        });
        InProcessPond.Run otherFile = pond.run("cat", "/sites/south/temp.series", "--format", "csv", "--sql",
                "SELECT * FROM read_parquet('" + dir.resolve("pond/data") + "/**/*.parquet')");
        assertThat(otherFile.exitCode()).isEqualTo(1);
        assertThat(otherFile.stderr()).contains("Refused access");
        Path largeFiles = dir.resolve("pond/data/_large_files/ab/evil");
        InProcessPond.Run intoStore = pond.run("cat", "/sites/south/temp.series", "--sql",
                "COPY (SELECT 1) TO '" + largeFiles + "'");
        assertThat(intoStore.exitCode()).isEqualTo(1);
        assertThat(intoStore.stderr()).contains("Refused SQL");
        assertThat(largeFiles).doesNotExist();
        Path plain = Files.writeString(dir.resolve("plain-data.txt"), "not a table");
        pond.ok("copy", plain.toString(), "/notes.txt");
        InProcessPond.Run dataFile = pond.run("cat", "/notes.txt", "--sql", "SELECT 1");
        assertThat(dataFile.exitCode()).isEqualTo(1);
        assertThat(dataFile.stderr()).contains("Not a table: /notes.txt is file:data").contains("csv:///notes.txt");
        log = pond.ok("log", "--format", "jsonl").out();
        InProcessPond.Run notATable = pond.run("cat", "/sites", "--sql", "SELECT 1");
        assertThat(notATable.exitCode()).isEqualTo(1);
        assertThat(notATable.stderr()).contains("Is a directory: /sites");
        assertThat(Path.of("/tmp/pond-sql-test.csv")).doesNotExist();
        assertThat(pond.ok("log", "--format", "jsonl").out()).isEqualTo(log);
    }

    @Test
    void describeShowsColumnsTimestampColumnAndEachVersionsRowsAndRange() {
        String out = pond.ok("describe", "/sites/north/temp.series").out();
        assertThat(out).contains("timestamp column timestamp")
                .contains("columns: timestamp TIMESTAMP WITH TIME ZONE, probe VARCHAR, celsius DOUBLE")
                .contains("336 rows")
                .contains("events 2026-11-01T00:00:00Z .. 2026-11-07T23:00:00Z")
                .contains("events 2026-11-15T00:00:00Z .. 2026-11-21T23:00:00Z");
    }
}
