package io.duckpond.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every benchmark of docs/performance.md in one run on one machine, each job against what bounds it, measured side
 * by side. Results are printed and written to {@code WORK/results.md}. Run through {@code scripts/bench.sh}.
 *
 * <p>Options (all optional, defaults in brackets): {@code --work DIR} [pond-bench/target/bench], {@code --jobs LIST}
 * [{@value #ALL_JOBS}], {@code --runs N} [10], {@code --large-mib N} [1024], {@code --memory-mib N} [2048],
 * {@code --small-files N} [10000], {@code --writes N} [1000], {@code --history N} [10000], {@code --versions N} [100],
 * {@code --rows N} [100000].
 */
public final class BenchSuite {
    private BenchSuite() {}

    static final String ALL_JOBS = "cold,large,small,writes,history,series,memory";

    public static void main(String[] args) throws Exception {
        Path work = Path.of(option(args, "--work", "pond-bench/target/bench")).toAbsolutePath();
        Set<String> jobs = new LinkedHashSet<>(Arrays.asList(option(args, "--jobs", ALL_JOBS).split(",")));
        int runs = number(args, "--runs", 10);
        Files.createDirectories(work);
        Launcher launcher = Launcher.packaged();
        Results results = new Results();
        String machine = machine();
        System.out.println("machine: " + machine + "; work directory " + work);
        for (String job : jobs) {
            System.err.println("== " + job);
            switch (job) {
                case "cold" -> ColdCliBench.run(results, work, launcher, runs);
                case "large" -> LargeFileBench.run(results, work, launcher, number(args, "--large-mib", 1024), runs);
                case "small" -> SmallFilesBench.run(results, work, launcher, number(args, "--small-files", 10_000), runs);
                case "writes" -> WritesBench.run(results, work, launcher, number(args, "--writes", 1000), runs);
                case "history" -> HistoryBench.run(results, work, launcher, 10, number(args, "--history", 10_000), runs);
                case "series" -> SeriesQueryBench.run(results, work, launcher, number(args, "--versions", 100),
                        number(args, "--rows", 100_000), runs);
                case "memory" -> LargeFileBench.memory(results, work, launcher, number(args, "--memory-mib", 2048));
                default -> throw new IllegalArgumentException("unknown job " + job + "; jobs are " + ALL_JOBS);
            }
            results.writeMarkdown(work.resolve("results.md"), machine);
        }
        System.out.println("results: " + work.resolve("results.md"));
    }

    /** What the figures depend on: processor, memory, the disk under the work directory, the JVM. */
    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown processor");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("[^0-9]", "");
        return String.format("%s, %d cores, %d MiB RAM; %s %s %s; java %s (%s)", cpu,
                Runtime.getRuntime().availableProcessors(), Long.parseLong(memory) / 1024, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"));
    }

    private static int number(String[] args, String name, int fallback) {
        return Integer.parseInt(option(args, name, Integer.toString(fallback)));
    }

    static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
