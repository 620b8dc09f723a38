package io.duckpond.cli;

import io.duckpond.cli.content.ByteCopy;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
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
        return new CliContext(System.in, new StandardOutput(), System.err, System.getenv(),
                Path.of("").toAbsolutePath(), terminal);
    }

    /** The process's stdout: buffered, as listings print many short lines (PondCli flushes before exit). */
    private static final class StandardOutput extends PrintStream implements ByteCopy.ChannelBacked {
        private final FileOutputStream descriptor;

        StandardOutput() {
            this(new FileOutputStream(FileDescriptor.out));
        }

        private StandardOutput(FileOutputStream descriptor) {
            super(new BufferedOutputStream(descriptor, 1 << 16), false);
            this.descriptor = descriptor;
        }

        @Override
        public FileChannel flushedChannel() {
            flush();
            return descriptor.getChannel();
        }
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
