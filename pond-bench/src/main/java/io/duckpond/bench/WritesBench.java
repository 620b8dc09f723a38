package io.duckpond.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Many small one-file writes, each its own durable commit, against git committing each one with every fsync on
 * ({@code git -c core.fsync=all commit}): in process (JMH, {@link CommitBenchmark}), and from a shell script, where
 * pond runs the lines through {@code pond apply} and git runs a process per command.
 */
final class WritesBench {
    private WritesBench() {}

    static void run(Results results, Path work, Launcher launcher, int writes, int runs) throws Exception {
        Path dir = work.resolve("writes");
        Path inputs = inputs(dir.resolve("inputs-" + writes), writes);
        Path pond = dir.resolve("pond");
        Path repo = dir.resolve("repo");

        Path pondScript = dir.resolve("writes.pond");
        Path gitScript = dir.resolve("writes.sh");
        StringBuilder pondLines = new StringBuilder("mkdir /site\n");
        StringBuilder gitLines = new StringBuilder("set -e\ncd " + repo + "\n");
        for (int i = 0; i < writes; i++) {
            String input = inputs.resolve("r" + i + ".txt").toString();
            String name = "f" + (i % 10) + ".txt";
            pondLines.append("copy ").append(input).append(" /site/").append(name).append('\n');
            gitLines.append("cp ").append(input).append(' ').append(name).append(" && git add ").append(name)
                    .append(" && git -c core.fsync=all commit -q -m 'reading ").append(i).append("'\n");
        }
        Files.writeString(pondScript, pondLines);
        Files.writeString(gitScript, gitLines);

        Callable<?> freshPond = launcher.newPond(pond);
        Callable<?> freshRepo = () -> {
            HostFiles.deleteTree(repo);
            Files.createDirectories(repo);
            return Timing.process(Timing.shell("cd " + repo + " && git init -q && git config user.email bench@pond"
                    + " && git config user.name bench && sync"));
        };
        // Each run is a whole script of many writes, so a few runs give a steady median.
        int scriptRuns = Math.min(runs, 3);
        double git = Timing.medianProcess(scriptRuns, freshRepo, Timing.shell("sh " + gitScript)) / writes;
        double apply = Timing.medianProcess(scriptRuns, freshPond,
                launcher.pond(pond, "apply", "-f", pondScript.toString())) / writes;
        results.add(new Results.Row("writes", writes + " one-file writes from a script through `pond apply`, per write",
                apply, "git: `cp`, `git add`, `git commit` per write", git, 3.0));

        Collection<RunResult> jmh = new Runner(new OptionsBuilder().include(CommitBenchmark.class.getName())
                .param("work", dir.resolve("jmh").toString()).build()).run();
        double perCommit = jmh.iterator().next().getPrimaryResult().getScore() / CommitBenchmark.BATCH;
        results.add(new Results.Row("writes", CommitBenchmark.BATCH
                + " sequential one-file transactions in process (JMH), per commit", perCommit,
                "git: `cp`, `git add`, `git commit` per write", git, 2.0));

        int separate = Math.min(writes, 50);
        freshPond.call();
        Timing.process(launcher.pond(pond, "mkdir", "/site"));
        long t0 = System.nanoTime();
        for (int i = 0; i < separate; i++) {
            Timing.process(launcher.pond(pond, "copy", inputs.resolve("r" + i + ".txt").toString(),
                    "/site/f" + (i % 10) + ".txt"));
        }
        results.note(String.format("without `pond apply`, a `pond copy` process per write takes %.0f ms each "
                + "(%d writes); JVM start is most of it", (System.nanoTime() - t0) / 1e6 / separate, separate));
        HostFiles.deleteTree(pond);
        HostFiles.deleteTree(repo);
    }

    /** {@code writes} small readings to copy in, one file each; reused when present. */
    private static Path inputs(Path dir, int writes) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < writes; i++) {
            Path file = dir.resolve("r" + i + ".txt");
            if (!Files.exists(file)) {
                Files.writeString(file, "reading " + i + ": level " + (i * 37 % 1000) / 10.0 + " m\n");
            }
        }
        return dir;
    }
}
