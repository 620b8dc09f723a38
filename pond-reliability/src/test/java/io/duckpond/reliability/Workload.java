package io.duckpond.reliability;

import io.duckpond.cli.CliContext;
import io.duckpond.cli.PondCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A mixed sequence of write commands, run in process through the real command line on a real pond. */
final class Workload {

    /** One command and what it printed. */
    record Ran(int exitCode, String stderr, Throwable thrown) {}

    private final Path inputs;
    final List<List<String>> steps = new ArrayList<>();

    Workload(Path inputs) {
        this.inputs = inputs;
        try {
            Files.createDirectories(inputs);
            Files.writeString(inputs.resolve("small.txt"), "small and inline");
            byte[] big = new byte[150_000];
            new Random(42).nextBytes(big);
            Files.write(inputs.resolve("big.bin"), big);
            Files.writeString(inputs.resolve("flow1.csv"), "timestamp,flow\n2026-01-01 00:00:00,1.5\n2026-01-01 01:00:00,2.5\n");
            Files.writeString(inputs.resolve("flow2.csv"), "timestamp,flow,pressure\n2026-02-01 00:00:00,3.5,1.0\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        steps.add(List.of("init"));
        steps.add(List.of("mkdir", "-p", "/d/e"));
        steps.add(List.of("copy", input("small.txt"), input("big.bin"), "/d"));
        steps.add(List.of("copy", "host+csv+series://" + input("flow1.csv"), "/s.series"));
        steps.add(List.of("copy", "host+csv+series://" + input("flow2.csv"), "/s.series"));
        steps.add(List.of("mv", "/d/small.txt", "/d/e/"));
        steps.add(List.of("rm", "/d/big.bin"));
        steps.add(List.of("maintain"));
    }

    private String input(String name) {
        return inputs.resolve(name).toString();
    }

    static Ran run(Path pond, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext context = new CliContext(InputStream.nullInputStream(), new PrintStream(out, true),
                new PrintStream(err, true), Map.of(), pond.getParent(), CliContext.Terminal.NONE);
        List<String> all = new ArrayList<>(List.of("--pond", pond.toString(), "--wait", "0"));
        all.addAll(args);
        try {
            int code = PondCli.run(context, all.toArray(String[]::new));
            return new Ran(code, err.toString(StandardCharsets.UTF_8), null);
        } catch (Throwable t) {
            return new Ran(-1, err.toString(StandardCharsets.UTF_8), t);
        }
    }
}
