package io.duckpond.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bytes go in and come out exactly, whatever their size or encoding, each step a separate process. */
class RoundTripIT {

    @TempDir
    static Path dir;

    static PondRunner pond;

    @BeforeAll
    static void init() {
        pond = new PondRunner(dir.resolve("pond"));
        assertThat(pond.run("init").exitCode()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65_535, 65_536, 65_537, 1_000_003})
    void copyInThenCatAndCopyOutAreByteExact(int size) throws Exception {
        Path input = PondRunner.randomFile(dir.resolve("in-" + size + ".bin"), size, size * 31L + 7);
        PondRunner.Result copied = pond.run("copy", input.toString(), "/");
        assertThat(copied.exitCode()).as(copied.toString()).isZero();

        PondRunner.Result cat = pond.run("cat", "/in-" + size + ".bin");
        assertThat(cat.exitCode()).as(cat.stderr()).isZero();
        assertThat(cat.stdout()).isEqualTo(Files.readAllBytes(input));

        Path out = Files.createDirectories(dir.resolve("out-" + size));
        PondRunner.Result copiedOut = pond.run("copy", "/in-" + size + ".bin", "host://" + out);
        assertThat(copiedOut.exitCode()).as(copiedOut.toString()).isZero();
        assertThat(Files.readAllBytes(out.resolve("in-" + size + ".bin"))).isEqualTo(Files.readAllBytes(input));
    }

    @Test
    void standardInputIsStoredByteExactIncludingInvalidUtf8() throws Exception {
        Path input = dir.resolve("stdin.bin");
        Files.write(input, new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, 0x28, '\n', (byte) 0x80});
        PondRunner.Result copied = pond.run(input, "copy", "-", "/from-stdin.bin");
        assertThat(copied.exitCode()).as(copied.toString()).isZero();
        assertThat(pond.run("cat", "/from-stdin.bin").stdout()).isEqualTo(Files.readAllBytes(input));
    }

    @Test
    void copyOutKeepsTheTreeBelowThePatternsFixedPrefixAndNeverOverwritesUnlessForced() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "a\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "b\n");
        assertThat(pond.run("mkdir", "-p", "/tree/x/y").exitCode()).isZero();
        assertThat(pond.run("copy", a.toString(), "/tree/x/").exitCode()).isZero();
        assertThat(pond.run("copy", b.toString(), "/tree/x/y/").exitCode()).isZero();
        Path out = Files.createDirectories(dir.resolve("tree-out"));

        PondRunner.Result first = pond.run("copy", "/tree/**/*.csv", "host://" + out);
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(out.resolve("x/a.csv")).hasContent("a");
        assertThat(out.resolve("x/y/b.csv")).hasContent("b");

        PondRunner.Result again = pond.run("copy", "/tree/**/*.csv", "host://" + out);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).contains("Host file exists").contains("--force");
        assertThat(pond.run("copy", "--force", "/tree/**/*.csv", "host://" + out).exitCode()).isZero();

        PondRunner.Result missingDestination = pond.run("copy", "/tree/x/a.csv", "host://" + dir.resolve("nope"));
        assertThat(missingDestination.exitCode()).isEqualTo(1);
        assertThat(missingDestination.stderr()).contains("No such host directory");
    }
}
