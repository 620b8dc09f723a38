package io.duckpond.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The commands cron runs dozens of times an hour, each a new JVM started by the packaged launcher, against the
 * floor every JVM-plus-DuckDB program pays: a JVM started the same way that loads DuckDB and runs {@code SELECT 42}.
 */
final class ColdCliBench {
    private ColdCliBench() {}

    static void run(Results results, Path work, Launcher launcher, int runs) throws Exception {
        Path dir = work.resolve("cold");
        HostFiles.deleteTree(dir);
        Path pond = dir.resolve("pond");
        Path small = Files.writeString(Files.createDirectories(dir).resolve("small.txt"), "pump 3 on\n");
        Timing.process(launcher.pond(pond, "init"));
        Timing.process(launcher.pond(pond, "mkdir", "-p", "/site/a"));
        Timing.process(launcher.pond(pond, "copy", small.toString(), "/site/a/"));

        double floor = Timing.medianProcess(runs, launcher.duckDb());
        double list = Timing.medianProcess(runs, launcher.pond(pond, "list", "/site/a"));
        double cat = Timing.medianProcess(runs, launcher.pond(pond, "cat", "/site/a/small.txt"));
        AtomicInteger names = new AtomicInteger();
        double mkdir = Timing.median(runs, () -> Timing.process(launcher.pond(pond, "mkdir",
                "/site/d" + names.incrementAndGet())));
        String baseline = "JVM + DuckDB `SELECT 42`";
        results.add(new Results.Row("cold", "`pond list` (small pond)", list, baseline, floor, 1.3));
        results.add(new Results.Row("cold", "`pond cat` of a small file", cat, baseline, floor, 1.3));
        results.add(new Results.Row("cold", "`pond mkdir`", mkdir, baseline, floor, 1.6));
    }
}
