package io.duckpond.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * One large file in and out against the tools that bound it: {@code cp} + {@code sync} (the I/O floor of a durable
 * copy), {@code sha256sum} (what content addressing costs on top), {@code cat > /dev/null}, {@code cp}; and the peak
 * resident memory of the pond process, DuckDB's native memory included.
 */
final class LargeFileBench {
    private LargeFileBench() {}

    static void run(Results results, Path work, Launcher launcher, long mib, int runs) throws Exception {
        Path dir = work.resolve("large");
        Path source = HostFiles.random(dir.resolve("source-" + mib + "m.bin"), mib << 20, 42);
        Path pond = dir.resolve("pond");
        Path copy = dir.resolve("copy.bin");
        Path out = dir.resolve("out");
        String size = mib >= 1024 ? (mib / 1024) + " GiB" : mib + " MiB";

        // Each run starts from an empty pond (a stored hash would make the copy a no-op) with nothing left to flush.
        Callable<?> freshPond = launcher.newPond(pond);
        Callable<?> freshCopy = HostFiles.removed(copy);
        double copyIn = Timing.medianProcess(runs, freshPond, launcher.pond(pond, "copy", source.toString(), "/big.bin"));
        double cpSync = Timing.medianProcess(runs, freshCopy, Timing.shell("cp " + source + " " + copy + " && sync"));
        double cpSyncHash = Timing.medianProcess(runs, freshCopy,
                Timing.shell("cp " + source + " " + copy + " && sync && sha256sum " + copy + " >/dev/null"));
        results.add(new Results.Row("large", "`pond copy` of one " + size + " file in", copyIn, "`cp` + `sync`",
                cpSync, 1.5));
        results.add(new Results.Row("large", "`pond copy` of one " + size + " file in", copyIn,
                "`cp` + `sync` + `sha256sum`", cpSyncHash, 1.0));

        Path stored = storedFile(pond);
        double catWarm = Timing.medianProcess(runs, launcher.pond(pond, "cat", "/big.bin"));
        double catFloor = Timing.medianProcess(runs, Timing.shell("cat " + stored + " >/dev/null"));
        results.add(new Results.Row("large", "`pond cat` of " + size + " to /dev/null, file in page cache", catWarm,
                "`cat > /dev/null`", catFloor, 1.3));
        if (Timing.dropCaches()) {
            Callable<?> drop = Timing::dropCaches;
            double catCold = Timing.medianProcess(runs, drop, launcher.pond(pond, "cat", "/big.bin"));
            double catColdFloor = Timing.medianProcess(runs, drop, Timing.shell("cat " + stored + " >/dev/null"));
            results.add(new Results.Row("large", "`pond cat` of " + size + " to /dev/null, page cache dropped",
                    catCold, "`cat > /dev/null`", catColdFloor, 1.3));
        } else {
            results.note("cold-cache cat not measured: /proc/sys/vm/drop_caches is not writable here (needs root)");
        }
        Callable<?> freshOut = () -> {
            HostFiles.deleteTree(out);
            Files.createDirectories(out);
            return Timing.process(Timing.shell("sync"));
        };
        double copyOut = Timing.medianProcess(runs, freshOut,
                launcher.pond(pond, "copy", "/big.bin", "host://" + out + "/"));
        double cp = Timing.medianProcess(runs, freshOut, Timing.shell("cp " + stored + " " + out + "/big.bin"));
        results.add(new Results.Row("large", "`pond copy` of " + size + " out to the host", copyOut, "`cp`", cp, 1.3));
        HostFiles.deleteTree(out);
        Files.deleteIfExists(copy);
    }

    /** Peak resident memory of copying a file of {@code mib} MiB in, then reading it out with cat. */
    static void memory(Results results, Path work, Launcher launcher, long mib) throws Exception {
        Path dir = work.resolve("memory");
        Path source = HostFiles.random(dir.resolve("source-" + mib + "m.bin"), mib << 20, 7);
        Path pond = dir.resolve("pond");
        HostFiles.deleteTree(pond);
        Timing.process(launcher.pond(pond, "init"));
        String size = mib >= 1024 ? (mib / 1024) + " GiB" : mib + " MiB";
        long in = Timing.process(launcher.pond(pond, "copy", source.toString(), "/big.bin")).peakKib();
        long out = Timing.process(launcher.pond(pond, "cat", "/big.bin")).peakKib();
        results.add(new Results.Ceiling("memory", "peak RSS of `pond copy` of one " + size + " file in", in / 1024.0,
                "MB", 300));
        results.add(new Results.Ceiling("memory", "peak RSS of `pond cat` of that file", out / 1024.0, "MB", 300));
        HostFiles.deleteTree(pond);
        Files.delete(source);
    }

    /** The one file of the pond's large-file store: the baselines read the very bytes pond reads. */
    private static Path storedFile(Path pond) throws Exception {
        try (Stream<Path> walk = Files.walk(pond.resolve("data/_large_files"))) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            if (files.size() != 1) {
                throw new IllegalStateException("expected one stored large file, found " + files);
            }
            return files.get(0);
        }
    }
}
