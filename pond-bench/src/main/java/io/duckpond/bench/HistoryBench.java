package io.duckpond.bench;

import io.duckpond.steward.Pond;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A pond's everyday commands after a long history against the same commands after a short one: ten files in two
 * directories, rewritten one per transaction, so listings and contents are the same size whatever the history.
 * Histories are built in process (a transaction each, as cron would make them); commands run cold, as users run them.
 */
final class HistoryBench {
    private HistoryBench() {}

    static final int FILES = 10;

    static void run(Results results, Path work, Launcher launcher, int shortHistory, int longHistory, int runs)
            throws Exception {
        Path small = build(work.resolve("history-" + shortHistory), shortHistory);
        Path large = build(work.resolve("history-" + longHistory), longHistory);
        Path update = work.resolve("update.txt");
        Files.writeString(update, "a new reading\n");
        compare(results, launcher, small, large, update, "after " + longHistory + " transactions vs after "
                + shortHistory, runs);

        // The same history after 'pond maintain' (a copy, so the pond as written stays for the next run).
        Path maintained = work.resolve("history-" + longHistory + "-maintained");
        HostFiles.deleteTree(maintained);
        Timing.process(List.of("cp", "-a", large.toString(), maintained.toString()));
        Timing.process(launcher.pond(maintained, "maintain"));
        compare(results, launcher, small, maintained, update, "after " + longHistory + " transactions and `pond "
                + "maintain` vs after " + shortHistory, runs);
        HostFiles.deleteTree(maintained);
    }

    private static void compare(Results results, Launcher launcher, Path small, Path large, Path update, String job,
            int runs) {
        for (String[] command : List.of(new String[] {"list", "/**"}, new String[] {"cat", "/site/a/f0.txt"},
                new String[] {"copy", "--force", update.toString(), "/site/b/f9.txt"})) {
            double after = Timing.medianProcess(runs, launcher.pond(large, command));
            double before = Timing.medianProcess(runs, launcher.pond(small, command));
            results.add(new Results.Row("history", "`pond " + String.join(" ", command).replace(update.toString(),
                    "FILE") + "` " + job, after, "the same after the short history", before, 1.5));
        }
    }

    /** A pond of {@code transactions} one-file transactions after the two that make it, reused when already built. */
    static Path build(Path pondDir, int transactions) throws IOException {
        if (Files.exists(pondDir.resolve("done"))) {
            return pondDir.resolve("pond");
        }
        Path pondPath = pondDir.resolve("pond");
        long t0 = System.nanoTime();
        try (Pond pond = PondWrites.create(pondPath, "/site/a", "/site/b")) {
            for (int i = 0; i < transactions; i++) {
                int file = i % FILES;
                PondWrites.writeFile(pond, "/site/" + (file < FILES / 2 ? "a" : "b") + "/f" + file + ".txt",
                        ("reading " + i + " of file " + file + "\n").getBytes(StandardCharsets.UTF_8));
                if (i % 1000 == 0) {
                    System.err.printf("  history %s: %d of %d transactions%n", pondDir.getFileName(), i, transactions);
                }
            }
        }
        System.err.printf("built %d transactions in %.1f s%n", transactions, (System.nanoTime() - t0) / 1e9);
        Files.writeString(pondDir.resolve("done"), "");
        return pondPath;
    }
}
