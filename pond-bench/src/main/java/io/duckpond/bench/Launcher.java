package io.duckpond.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** The packaged {@code pond} launcher, and a baseline JVM started with the very flags it uses. */
record Launcher(Path script) {

    static Launcher packaged() {
        Path script = Path.of("pond-cli/target/pond-dist/bin/pond").toAbsolutePath();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException(script + " is missing: run mvn -Pbench install -DskipTests first");
        }
        return new Launcher(script);
    }

    Path jar() {
        return script.getParent().getParent().resolve("lib/pond.jar");
    }

    /** {@code pond --pond DIR ARGS...} as a process command. */
    List<String> pond(Path pondDir, String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString(), "--pond", pondDir.toString()));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** A setup step for {@link Timing}: a new, empty pond at {@code pondDir}, with nothing left for the disk to flush. */
    Callable<Object> newPond(Path pondDir) {
        return () -> {
            HostFiles.deleteTree(pondDir);
            Timing.process(pond(pondDir, "init"));
            return Timing.process(Timing.shell("sync"));
        };
    }

    /**
     * A JVM that loads DuckDB and runs {@code sql} (SELECT 42 when empty): same java, same JIT and GC flags as the
     * launcher (read from it, so the two cannot drift apart), the same jar, native library and class-data archive
     * (its class path starts with the archived one, so the JVM maps it).
     */
    List<String> duckDb(String... sql) throws IOException {
        List<String> command = new ArrayList<>(List.of("java"));
        for (String line : Files.readAllLines(script)) {
            if (line.startsWith("jit=")) {
                command.addAll(Arrays.asList(line.substring(4).replace("\"", "").split(" ")));
            }
        }
        command.add("-XX:+UseSerialGC");
        Path archive = jar().resolveSibling("pond.jsa");
        if (Files.exists(archive)) {
            command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off"));
        }
        command.addAll(List.of("-cp", jar() + ":" + benchClasses(), DuckDbQuery.class.getName()));
        command.addAll(Arrays.asList(sql));
        return command;
    }

    private static String benchClasses() {
        try {
            return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
