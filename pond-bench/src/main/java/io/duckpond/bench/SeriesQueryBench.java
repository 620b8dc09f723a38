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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL over a series of many versions: pond (its series union, time pruning, lock-down) against DuckDB's own
 * read_parquet over the very same Parquet files, in the same run. Reports warm in-process medians and cold whole-
 * process medians (both started the same way), as appended and after {@code pond maintain}.
 */
final class SeriesQueryBench {
    private SeriesQueryBench() {}

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    static void run(Results results, Path work, Launcher launcher, int versions, int rows, int runs) throws Exception {
        Path dir = work.resolve("series-" + versions + "x" + rows);
        Path pondDir = dir.resolve("pond");
        HostFiles.deleteTree(dir); // built afresh: the first phase measures the pond as appended, before maintain
        List<Path> files = build(pondDir, dir, versions, rows);
        String parquet = "read_parquet(" + DuckSession.pathList(files) + ", union_by_name = true)";

        long windowStart = START.plusSeconds(10L * rows * 40).getEpochSecond() * 1000;
        long windowEnd = START.plusSeconds(10L * rows * 45).getEpochSecond() * 1000 - 1;
        String grouped = "SELECT station, date_trunc('day', ts) AS day, avg(value) AS mean, min(value) AS lo, "
                + "max(value) AS hi, count(*) AS n FROM %s GROUP BY ALL ORDER BY ALL";
        String window = "SELECT count(*) AS n, avg(value) AS mean FROM %s";
        String windowFilter = " WHERE ts >= make_timestamp(" + windowStart * 1000 + ") AND ts <= make_timestamp("
                + windowEnd * 1000 + ")";
        List<String> timeBounds = List.of("--time-start", Long.toString(windowStart), "--time-end",
                Long.toString(windowEnd));
        String duckWindow = String.format(window, "(SELECT * FROM " + parquet + windowFilter + ")");
        String baseline = "DuckDB `read_parquet` of the same files";

        for (String phase : List.of("as appended", "after `pond maintain`")) {
            if (phase.startsWith("after")) {
                try (Pond pond = Pond.open(pondDir)) {
                    pond.maintain(Invocation.current(List.of("bench", "maintain")), Duration.ofSeconds(10));
                }
            }
            String of = versions + " versions x " + rows + " rows, " + phase;
            results.add(new Results.Row("series", "grouped aggregate, warm in process, " + of,
                    warmPond(pondDir, runs, String.format(grouped, "source"), List.of()), baseline,
                    warmDuck(runs, String.format(grouped, parquet)), 1.3));
            results.add(new Results.Row("series", "time window (5 versions), warm in process, " + of,
                    warmPond(pondDir, runs, String.format(window, "source"), timeBounds), baseline,
                    warmDuck(runs, duckWindow), 1.3));

            List<String> cat = launcher.pond(pondDir, "cat", "/flow.series", "--format", "csv", "--sql");
            results.add(new Results.Row("series", "grouped aggregate, cold process, " + of,
                    Timing.medianProcess(runs, Timing.concat(cat, List.of(String.format(grouped, "source")))),
                    baseline + " (a JVM started the same way)",
                    Timing.medianProcess(runs, launcher.duckDb(String.format(grouped, parquet))), 1.3));
            List<String> catWindow = Timing.concat(cat, List.of(String.format(window, "source")));
            results.add(new Results.Row("series", "time window, cold process, " + of,
                    Timing.medianProcess(runs, Timing.concat(catWindow, timeBounds)),
                    baseline + " (a JVM started the same way)",
                    Timing.medianProcess(runs, launcher.duckDb(duckWindow)), 1.3));
        }
    }

    /** A pond with one series of {@code versions} versions, each a week-long block of 10-second readings. */
    private static List<Path> build(Path pondDir, Path work, int versions, int rows) throws Exception {
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
        return Timing.median(runs, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CliContext context = new CliContext(InputStream.nullInputStream(), new PrintStream(out), System.err,
                    Map.of(), pondDir, CliContext.Terminal.NONE);
            if (PondCli.run(context, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("pond failed");
            }
            return out.size();
        });
    }

    private static double warmDuck(int runs, String sql) throws Exception {
        try (DuckSession duck = DuckSession.open()) {
            Path scratch = Files.createTempFile("bench-", ".csv");
            double ms = Timing.median(runs, () -> {
                duck.execute("COPY (" + sql + ") TO " + DuckSession.literal(scratch.toString()) + " (FORMAT csv)");
                return Files.readAllBytes(scratch).length;
            });
            Files.delete(scratch);
            return ms;
        }
    }
}
