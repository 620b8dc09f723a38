package io.duckpond.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command reads and writes: standard streams, environment, working directory, and whether stdout and stderr
 * are terminals (tables and progress only on a terminal; machine formats into pipes).
 */
public record CliContext(
        InputStream in,
        PrintStream out,
        PrintStream err,
        Map<String, String> environment,
        Path workingDirectory,
        Terminal terminal) {

    /** Which standard streams are attached to a terminal. */
    public enum Terminal {
        NONE,
        STDOUT_AND_STDERR
    }

    public static CliContext system() {
        Terminal terminal = System.console() != null ? Terminal.STDOUT_AND_STDERR : Terminal.NONE;
        // Buffered: listings print many short lines; PondCli flushes before exit.
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false);
        return new CliContext(System.in, out, System.err, System.getenv(), Path.of("").toAbsolutePath(), terminal);
    }

    public boolean isTerminal() {
        return terminal == Terminal.STDOUT_AND_STDERR;
    }

    public Optional<String> env(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A host path as the user typed it, resolved against the working directory. */
    public Path hostPath(String text) {
        try {
            return workingDirectory.resolve(text).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            boolean encoding = e.getReason() != null && e.getReason().contains("Malformed input");
            throw io.duckpond.tinyfs.error.Errors.invalidPath(text, e.getReason()
                    + (encoding ? " (set a UTF-8 locale, e.g. LC_ALL=C.UTF-8, for names outside ASCII)" : ""));
        }
    }

    /** A message for the user, on stderr. */
    public void note(String message) {
        err.println(message);
    }

    public void warn(String message) {
        err.println("pond: warning: " + message);
    }
}
