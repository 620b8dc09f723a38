package io.duckpond.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code pond} launcher as a separate process on one pond, as a user's shell would. */
final class PondRunner {

    /** What one run of pond did. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        List<String> lines() {
            String text = out();
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + out() + "\nstderr: " + stderr;
        }
    }

    static final Path LAUNCHER = Path.of(System.getProperty("pond.launcher",
            "../pond-cli/target/pond-dist/bin/pond")).toAbsolutePath().normalize();

    private final Path pond;
    private final String javaOptions;

    PondRunner(Path pond) {
        this(pond, "");
    }

    PondRunner(Path pond, String javaOptions) {
        if (!Files.isExecutable(LAUNCHER)) {
            throw new IllegalStateException("no launcher at " + LAUNCHER + "; run 'mvn package' first");
        }
        this.pond = pond;
        this.javaOptions = javaOptions;
    }

    Path pond() {
        return pond;
    }

    Result run(String... args) {
        return run(null, args);
    }

    /** Runs to completion, feeding {@code stdin} (may be null) and collecting both outputs. */
    Result run(Path stdin, String... args) {
        return run(stdin, null, args);
    }

    /** Runs to completion with stdout going to {@code stdout} (if not null), for outputs too big to hold. */
    Result run(Path stdin, Path stdout, String... args) {
        try {
            Process process = start(stdin, stdout, args);
            if (stdin == null) {
                process.getOutputStream().close();
            }
            CompletableFuture<byte[]> out = drain(process.getInputStream());
            CompletableFuture<byte[]> err = drain(process.getErrorStream());
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("pond " + String.join(" ", args) + " did not finish in 5 minutes");
            }
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts pond without waiting; stdin from a file, or a pipe the caller writes if {@code stdin} is null. */
    Process start(Path stdin, String... args) throws IOException {
        return start(stdin, null, args);
    }

    private Process start(Path stdin, Path stdout, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.add("--pond");
        command.add(pond.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.remove("POND");
        env.put("POND_JAVA_OPTS", javaOptions);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        if (stdout != null) {
            builder.redirectOutput(stdout.toFile());
        }
        return builder.start();
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
                in.transferTo(buffer);
                return buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Writes {@code size} pseudo-random bytes (invalid UTF-8 included) to {@code file}, streaming. */
    static Path randomFile(Path file, long size, long seed) throws IOException {
        java.util.Random random = new java.util.Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
        return file;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
