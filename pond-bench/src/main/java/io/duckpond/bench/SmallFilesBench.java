package io.duckpond.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Many small files in one transaction (a day of station exports) against copying them durably and hashing them with
 * the system's tools: {@code cp -r} + {@code sync} + {@code sha256sum}.
 */
final class SmallFilesBench {
    private SmallFilesBench() {}

    static void run(Results results, Path work, Launcher launcher, int files, int runs) throws Exception {
        Path dir = work.resolve("small");
        Path source = tree(dir.resolve("source-" + files), files);
        Path pond = dir.resolve("pond");
        Path copy = dir.resolve("copy");
        double pondMillis = Timing.medianProcess(runs, launcher.newPond(pond),
                launcher.pond(pond, "copy", "-r", source.toString(), "/inbox"));
        double floor = Timing.medianProcess(runs, HostFiles.removed(copy), Timing.shell("cp -r " + source + " " + copy
                + " && sync && find " + copy + " -type f -print0 | xargs -0 sha256sum >/dev/null"));
        results.add(new Results.Row("small", "`pond copy -r` of " + files + " files of 1–60 KiB, one transaction",
                pondMillis, "`cp -r` + `sync` + `sha256sum`", floor, 2.0));
        HostFiles.deleteTree(copy);
    }

    /** {@code files} files of 1–60 KiB of seeded random bytes, 100 to a directory; reused when present. */
    static Path tree(Path root, int files) throws IOException {
        Path done = root.resolveSibling(root.getFileName() + ".done");
        if (Files.exists(done)) {
            return root;
        }
        HostFiles.deleteTree(root);
        HostFiles.requireFree(root.getParent(), files * 61L * 1024);
        SplittableRandom random = new SplittableRandom(files);
        for (int i = 0; i < files; i++) {
            Path dir = Files.createDirectories(root.resolve(String.format("station-%03d", i / 100)));
            byte[] content = new byte[1024 + random.nextInt(59 * 1024 + 1)];
            for (int b = 0; b < content.length; b++) {
                content[b] = (byte) random.nextInt(256);
            }
            Files.write(dir.resolve(String.format("reading-%05d.bin", i)), content);
        }
        Files.writeString(done, "");
        return root;
    }
}
