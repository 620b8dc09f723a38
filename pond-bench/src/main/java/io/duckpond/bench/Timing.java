package io.duckpond.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Wall-clock timing: medians after a warm-up, whole processes, and their peak resident memory. */
final class Timing {
    private Timing() {}

    /** Median wall time in ms of {@code runs} runs after one warm-up run. */
    static double median(int runs, Callable<?> run) {
        return median(runs, () -> null, run);
    }

    /** Median wall time in ms of {@code runs} runs after one warm-up run, each run preceded by an untimed setup. */
    static double median(int runs, Callable<?> setup, Callable<?> run) {
        double[] times = new double[runs];
        for (int i = -1; i < runs; i++) {
            try {
                setup.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            long t0 = System.nanoTime();
            try {
                run.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (i >= 0) {
                times[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(times);
        return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
    }

    /** Median wall time of a whole process, {@code runs} times after one warm-up. */
    static double medianProcess(int runs, List<String> command) {
        return median(runs, () -> process(command));
    }

    /** Median wall time of a whole process, each run preceded by an untimed setup (a fresh target, a cache drop). */
    static double medianProcess(int runs, Callable<?> setup, List<String> command) {
        return median(runs, setup, () -> process(command));
    }

    /** Runs a process to completion (stdout discarded), failing on a non-zero exit. */
    static Measured process(List<String> command) throws IOException, InterruptedException {
        // Messages are kept aside and shown only when the process fails, so the report stays readable.
        Path messages = Files.createTempFile("bench-", ".stderr");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(messages.toFile()).start();
        // Peak RSS is read from the kernel's high-water mark while the process lives (no GNU time needed).
        long peakKib = 0;
        Path status = Path.of("/proc/" + p.pid() + "/status");
        do {
            peakKib = Math.max(peakKib, highWaterKib(status));
        } while (!p.waitFor(5, TimeUnit.MILLISECONDS));
        double millis = (System.nanoTime() - t0) / 1e6;
        String stderr = Files.readString(messages);
        Files.delete(messages);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": " + stderr);
        }
        return new Measured(millis, peakKib);
    }

    /** A finished process: wall time and the highest resident memory seen. */
    record Measured(double millis, long peakKib) {}

    /** A shell command line as a process. */
    static List<String> shell(String script) {
        return List.of("sh", "-c", script);
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Empties the kernel's page cache when allowed (root); false otherwise. */
    static boolean dropCaches() {
        try {
            process(shell("sync"));
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
            return true;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return false;
        }
    }

    private static long highWaterKib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended between two reads
        }
        return 0;
    }
}
