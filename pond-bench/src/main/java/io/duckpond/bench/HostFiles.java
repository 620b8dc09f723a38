package io.duckpond.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Inputs the benchmarks make for themselves (nothing is downloaded), and the clean-up between runs. */
final class HostFiles {
    private HostFiles() {}

    /** A file of {@code bytes} seeded random bytes (incompressible, like instrument exports), reused when present. */
    static Path random(Path file, long bytes, long seed) throws IOException {
        if (Files.exists(file) && Files.size(file) == bytes) {
            return file;
        }
        requireFree(file.getParent(), bytes);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return file;
    }

    /** Fails before a benchmark fills the disk: {@code bytes} plus room for the copies it makes. */
    static void requireFree(Path directory, long bytes) throws IOException {
        Files.createDirectories(directory);
        long free = Files.getFileStore(directory).getUsableSpace();
        if (free < 3 * bytes) {
            throw new IllegalStateException(String.format("%s has %d MiB free; this job needs about %d MiB",
                    directory, free >> 20, (3 * bytes) >> 20));
        }
    }

    /** A setup step for {@link Timing}: {@code path} (a file or a tree) gone, with nothing left for the disk to flush. */
    static Callable<Object> removed(Path path) {
        return () -> {
            deleteTree(path);
            return Timing.process(Timing.shell("sync"));
        };
    }

    /** Removes a file or a directory tree, if present. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
