package io.duckpond.e2e;

import static io.duckpond.e2e.CrashLoop.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content is streamed: a file four times the heap goes in and out byte-exact. The 2 GiB run under -Xmx256m is
 * scripts/memory-2gib.sh (the same test with -Dmemory.mib=2048 -Dmemory.heap=256m).
 */
class MemoryIT {

    @TempDir
    Path dir;

    @Test
    void aFileFourTimesTheHeapCopiesInAndOutByteExact() throws Exception {
        long mib = Long.getLong("memory.mib", 256);
        String heap = System.getProperty("memory.heap", "64m");
        long size = mib << 20;
        FileStore store = Files.getFileStore(dir);
        assertThat(store.getUsableSpace()).as("free space for input, pond and output").isGreaterThan(3 * size + (256L << 20));

        PondRunner pond = new PondRunner(dir.resolve("pond"), "-Xmx" + heap);
        ok(pond.run("init"));
        Path input = PondRunner.randomFile(dir.resolve("big.bin"), size, 99);
        String expected = PondRunner.sha256(input);
        ok(pond.run("copy", input.toString(), "/"));

        Path catOut = dir.resolve("cat.bin");
        ok(pond.run(null, catOut, "cat", "/big.bin"));
        assertThat(Files.size(catOut)).isEqualTo(size);
        assertThat(PondRunner.sha256(catOut)).isEqualTo(expected);
        Files.delete(catOut);

        Path out = Files.createDirectories(dir.resolve("out"));
        ok(pond.run("copy", "/big.bin", "host://" + out));
        assertThat(PondRunner.sha256(out.resolve("big.bin"))).isEqualTo(expected);
    }
}
