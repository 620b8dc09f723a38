package io.duckpond.bench;

import io.duckpond.cli.CliContext;
import io.duckpond.cli.PondCli;
import io.duckpond.steward.Invocation;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.oplog.OplogSchema;
import io.duckpond.tlogfs.parquet.ParquetInspector;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL over a series of many versions: pond (its series union, time pruning, lock-down) against DuckDB's own
 * read_parquet over the very same Parquet files, in the same run. Reports warm in-process medians and cold whole-
 * process medians (both started the same way), with the JVM + DuckDB start-up floor apart.
 *
 * <p>Args: WORKDIR [VERSIONS=100] [ROWS=100000] [RUNS=10] [LAUNCHER=pond-cli/target/pond-dist/bin/pond]
 */
public final class SeriesQueryBench {
    private SeriesQueryBench() {}

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int versions = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Path launcher = Path.of(args.length > 4 ? args[4] : "pond-cli/target/pond-dist/bin/pond").toAbsolutePath();
        Path pondDir = work.resolve("pond");
        List<Path> files = build(pondDir, work, versions, rows);
        String parquet = "read_parquet(" + DuckSession.pathList(files) + ", union_by_name = true)";

        long windowStart = START.plusSeconds(10L * rows * 40).getEpochSecond() * 1000;
        long windowEnd = START.plusSeconds(10L * rows * 45).getEpochSecond() * 1000 - 1;
        String grouped = "SELECT station, date_trunc('day', ts) AS day, avg(value) AS mean, min(value) AS lo, "
                + "max(value) AS hi, count(*) AS n FROM %s GROUP BY ALL ORDER BY ALL";
        String window = "SELECT count(*) AS n, avg(value) AS mean FROM %s";
        String windowFilter = " WHERE ts >= make_timestamp(" + windowStart * 1000 + ") AND ts <= make_timestamp("
                + windowEnd * 1000 + ")";

        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, java "
                + System.getProperty("java.version") + "; series of " + versions + " versions x " + rows + " rows");
        for (String phase : List.of("as appended (one oplog file per version)", "after 'pond maintain'")) {
            if (phase.startsWith("after")) {
                try (Pond pond = Pond.open(pondDir)) {
                    pond.maintain(Invocation.current(List.of("bench", "maintain")), Duration.ofSeconds(10));
                }
            }
            System.out.println("\n#### " + phase);
            measure(pondDir, launcher, runs, versions, parquet, grouped, window, windowFilter, windowStart, windowEnd);
        }
    }

    private static void measure(Path pondDir, Path launcher, int runs, int versions, String parquet, String grouped,
            String window, String windowFilter, long windowStart, long windowEnd) throws Exception {
        System.out.println("\n== warm, in process (median of " + runs + ") ==");
        report("grouped aggregate", warmPond(pondDir, runs, String.format(grouped, "source"), List.of()),
                warmDuck(runs, String.format(grouped, parquet)));
        report("time window (5 of " + versions + " versions)", warmPond(pondDir, runs, String.format(window, "source"),
                List.of("--time-start", Long.toString(windowStart), "--time-end", Long.toString(windowEnd))),
                warmDuck(runs, String.format(window, "(SELECT * FROM " + parquet + windowFilter + ")")));

        System.out.println("\n== cold processes (median of " + runs + ", each a new JVM started the same way) ==");
        Path jar = launcher.getParent().getParent().resolve("lib/pond.jar");
        String benchJar = Path.of(SeriesQueryBench.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        List<String> duck = List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", jar + ":" + benchJar,
                DuckDbQuery.class.getName());
        double floor = cold(runs, concat(duck, List.of()));
        System.out.printf("start-up floor: JVM + DuckDB 'SELECT 42': %.0f ms%n", floor);
        List<String> cat = List.of(launcher.toString(), "--pond", pondDir.toString(), "cat", "/flow.series",
                "--format", "csv", "--sql");
        report("grouped aggregate", cold(runs, concat(cat, List.of(String.format(grouped, "source")))),
                cold(runs, concat(duck, List.of(String.format(grouped, parquet)))));
        report("time window", cold(runs, concat(cat, List.of(String.format(window, "source"), "--time-start",
                Long.toString(windowStart), "--time-end", Long.toString(windowEnd)))),
                cold(runs, concat(duck, List.of(String.format(window, "(SELECT * FROM " + parquet + windowFilter + ")")))));
    }

    /** A pond with one series of {@code versions} versions, each a week-long block of 10-second readings. */
    private static List<Path> build(Path pondDir, Path work, int versions, int rows) throws Exception {
        if (!Files.exists(pondDir)) {
            long t0 = System.nanoTime();
            try (Pond pond = Pond.init(pondDir, Invocation.current(List.of("bench", "init")), Optional.empty())) {
                Path tmp = Files.createDirectories(work.resolve("versions"));
                ParquetInspector inspector = new ParquetInspector(pond.duck());
                for (int v = 0; v < versions; v++) {
                    Path file = tmp.resolve("v" + v + ".parquet");
                    long base = START.getEpochSecond() + 10L * rows * v;
                    pond.duck().execute("COPY (SELECT make_timestamp((" + base + " + i * 10) * 1000000) AS ts, "
                            + "'s' || (i % 8) AS station, (hash(i + " + v + ") % 10000) / 100.0 AS value "
                            + "FROM range(" + rows + ") t(i)) TO " + DuckSession.literal(file.toString())
                            + " (FORMAT parquet, COMPRESSION zstd)");
                    var range = inspector.eventTimeRange(file, file.toString(), "ts");
                    Map<String, String> attributes = new java.util.HashMap<>(
                            io.duckpond.query.input.TableColumns.attributes(inspector.columns(file)));
                    attributes.put(OplogSchema.TIMESTAMP_COLUMN_ATTRIBUTE, "ts");
                    pond.write(Invocation.current(List.of("bench", "append", "v" + v)), Duration.ofSeconds(10), tx -> {
                        try (InputStream in = Files.newInputStream(file)) {
                            return tx.write(PondPath.parse("/flow.series"), io.duckpond.tinyfs.node.EntryType.FILE_SERIES,
                                    tx.stage(in), range, attributes);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    Files.delete(file);
                }
                Files.delete(tmp);
            }
            System.out.printf("built %d versions in %.1f s%n", versions, (System.nanoTime() - t0) / 1e9);
        }
        try (Pond pond = Pond.open(pondDir)) {
            var view = pond.read();
            List<Path> files = new ArrayList<>();
            for (FileVersion v : view.versions(view.resolve(PondPath.parse("/flow.series"), Links.FOLLOW))) {
                if (v.size() < io.duckpond.tlogfs.store.LargeFileStore.THRESHOLD) {
                    throw new IllegalStateException("version " + v.version() + " is inline; use more rows");
                }
                files.add(pond.data().store().pathOf(v.sha256()));
            }
            return files;
        }
    }

    private static double warmPond(Path pondDir, int runs, String sql, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--pond", pondDir.toString(), "cat", "/flow.series", "--format",
                "csv", "--sql", sql));
        args.addAll(extra);
        return median(runs + 2, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CliContext context = new CliContext(InputStream.nullInputStream(), new PrintStream(out), System.err,
                    Map.of(), pondDir, CliContext.Terminal.NONE);
            if (PondCli.run(context, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("pond failed");
            }
        });
    }

    private static double warmDuck(int runs, String sql) throws Exception {
        try (DuckSession duck = DuckSession.open()) {
            Path scratch = Files.createTempFile("bench-", ".csv");
            double ms = median(runs + 2, () -> {
                try {
                    duck.execute("COPY (" + sql + ") TO " + DuckSession.literal(scratch.toString()) + " (FORMAT csv)");
                    Files.readAllBytes(scratch);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Files.delete(scratch);
            return ms;
        }
    }

    private static double cold(int runs, List<String> command) {
        return median(runs + 1, () -> {
            try {
                Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException(command + " exited " + p.exitValue());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Median wall time in ms of {@code n} runs, the first (warm-up) dropped. */
    private static double median(int n, Runnable run) {
        double[] times = new double[n - 1];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            run.run();
            if (i > 0) {
                times[i - 1] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(times);
        return times.length % 2 == 1 ? times[times.length / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
    }

    private static void report(String name, double pond, double duck) {
        System.out.printf("%-40s pond %8.1f ms   duckdb read_parquet %8.1f ms   ratio %.2fx%n", name, pond, duck,
                pond / duck);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
