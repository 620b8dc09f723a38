package io.duckpond.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs pond commands in this JVM on a real pond, capturing what they print: fast tests of command behaviour. */
final class InProcessPond {

    /** What one command did. */
    record Run(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "; stdout: " + out() + "; stderr: " + stderr;
        }
    }

    private final Path pond;
    private final Path workingDirectory;

    InProcessPond(Path pond, Path workingDirectory) {
        this.pond = pond;
        this.workingDirectory = workingDirectory;
    }

    Run run(String... args) {
        return runWithInput(new byte[0], args);
    }

    Run runWithInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(new ByteArrayInputStream(stdin), new PrintStream(out, true),
                new PrintStream(err, true), Map.of(), workingDirectory, CliContext.Terminal.NONE);
        List<String> all = new ArrayList<>(List.of("--pond", pond.toString()));
        all.addAll(List.of(args));
        int code = PondCli.run(context, all.toArray(String[]::new));
        return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs and requires exit 0. */
    Run ok(String... args) {
        Run run = run(args);
        if (run.exitCode() != 0) {
            throw new AssertionError("pond " + String.join(" ", args) + " failed: " + run);
        }
        return run;
    }
}
