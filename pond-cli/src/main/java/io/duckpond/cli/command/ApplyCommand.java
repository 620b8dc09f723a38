package io.duckpond.cli.command;

import io.duckpond.cli.ExitCodes;
import io.duckpond.cli.PondCli;
import io.duckpond.cli.PondPool;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Run many pond commands in one process, one per line, each its own transaction.",
            "The JVM and the open pond are shared, so a script of hundreds of writes runs many times faster.",
            "Lines are split into words as a shell would (quotes and backslashes; no variables or wildcards);",
            "blank lines and lines starting with # are skipped. Stops at the first failing command (exit with",
            "its code) unless --keep-going."},
        footer = {"", "Examples:",
            "  pond apply -f ingest.pond",
            "  for f in /data/*.csv; do echo \"copy '$f' /inbox/\"; done | pond apply"})
final class ApplyCommand extends PondSubcommand {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the commands from FILE (default: stdin).")
    String file;

    @Option(names = "--keep-going", description = "Run every line even after one fails; exit 1 if any failed.")
    boolean keepGoing;

    @Override
    void execute() throws IOException {
        int ran = 0;
        int failed = 0;
        int lineNumber = 0;
        try (BufferedReader in = file == null
                ? new BufferedReader(new InputStreamReader(context().in(), StandardCharsets.UTF_8))
                : Files.newBufferedReader(context().hostPath(file), StandardCharsets.UTF_8);
                PondPool pool = new PondPool()) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                List<String> words = ShellWords.split(trimmed, lineNumber);
                if (!words.isEmpty() && words.get(0).equals("pond")) {
                    words = words.subList(1, words.size());
                }
                if (words.contains("apply")) {
                    throw Errors.of(Problem.Kind.USAGE, "Nested apply", "line " + lineNumber, null);
                }
                List<String> args = new ArrayList<>();
                if (root.pond != null && !words.contains("--pond")) {
                    args.add("--pond");
                    args.add(root.pond);
                }
                if (root.waitSeconds != null && !words.contains("--wait")) {
                    args.add("--wait");
                    args.add(root.waitSeconds.toString());
                }
                args.addAll(words);
                int code = PondCli.run(context(), pool, args.toArray(String[]::new));
                ran++;
                if (code != ExitCodes.OK) {
                    failed++;
                    if (!keepGoing) {
                        throw Errors.of(code == ExitCodes.BUSY ? Problem.Kind.BUSY
                                : code == ExitCodes.USAGE ? Problem.Kind.USAGE : Problem.Kind.INVALID_INPUT,
                                "Stopped", "line " + lineNumber + " ('" + trimmed + "') exited " + code,
                                "fix that line; lines before it are committed");
                    }
                }
            }
        }
        context().note("Ran " + ran + " command(s)" + (failed > 0 ? ", " + failed + " failed" : "") + ".");
        if (failed > 0) {
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Some commands failed", failed + " of " + ran, null);
        }
    }
}
