package io.duckpond.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fsck finds each kind of damage, names the file, exits 1, and repairs what is safe. */
class FsckTest {

    @TempDir
    Path dir;

    InProcessPond pond;
    Path root;

    @BeforeEach
    void init() throws Exception {
        root = dir.resolve("pond");
        pond = new InProcessPond(root, dir);
        pond.ok("init");
        pond.ok("mkdir", "/d");
        byte[] big = new byte[200_000];
        new Random(1).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        Files.writeString(dir.resolve("small.txt"), "small");
        pond.ok("copy", dir.resolve("big.bin").toString(), dir.resolve("small.txt").toString(), "/d");
    }

    private List<Path> files(String under, String suffix) throws Exception {
        try (Stream<Path> all = Files.walk(root.resolve(under))) {
            return all.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static void flipByte(Path file, long at) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0xff);
        }
    }

    @Test
    void aHealthyPondIsClean() {
        InProcessPond.Run run = pond.run("fsck");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("No problems found.");
    }

    @Test
    void aCorruptedLargeFileIsFoundByItsHashAndNeedsABackup() throws Exception {
        Path large = files("data/_large_files", "").get(0);
        flipByte(large, 1000);
        InProcessPond.Run run = pond.run("fsck");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(root.relativize(large).toString()).contains("does not hash to its name")
                .contains("needs a backup");
        assertThat(run.stderr()).contains("Problems found: 1 in " + root);
        assertThat(pond.run("fsck", "--repair").exitCode()).isEqualTo(1);
    }

    @Test
    void aMissingDataFileAndATruncatedCommitAreFound() throws Exception {
        Path lastData = files("data", ".parquet").stream().filter(p -> p.toString().contains("part_id=")).reduce(
                (a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()) > 0 ? b : a).orElseThrow();
        Files.delete(lastData);
        InProcessPond.Run missing = pond.run("fsck", "--format", "jsonl");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).contains("data file is missing").contains(lastData.getFileName().toString());

        Path commit = root.resolve("data/_delta_log/00000000000000000001.json");
        Files.write(commit, java.util.Arrays.copyOf(Files.readAllBytes(commit), 40));
        InProcessPond.Run truncated = pond.run("fsck");
        assertThat(truncated.exitCode()).isEqualTo(1);
        assertThat(truncated.out() + truncated.stderr()).contains("00000000000000000001.json");
    }

    @Test
    void corruptInlineContentIsFoundByItsHash() throws Exception {
        try (var duck = io.duckpond.tlogfs.duck.DuckSession.open()) {
            // Rewrite the file holding /d/small.txt with its content changed but its hash kept.
            Path file = files("data", ".parquet").stream().filter(p -> p.toString().contains("part_id="))
                    .filter(p -> {
                        try {
                            return !duck.query("SELECT 1 FROM read_parquet(" + io.duckpond.tlogfs.duck.DuckSession
                                    .literal(p.toString()) + ") WHERE file_type = 'file:data' AND size = 5",
                                    r -> 1).isEmpty();
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }).findFirst().orElseThrow();
            long size = Files.size(file);
            Path rewritten = dir.resolve("rewritten.parquet");
            duck.execute("COPY (SELECT * REPLACE (CASE WHEN size = 5 THEN 'SMALL'::BLOB ELSE content END AS content) "
                    + "FROM read_parquet(" + io.duckpond.tlogfs.duck.DuckSession.literal(file.toString()) + ")) TO "
                    + io.duckpond.tlogfs.duck.DuckSession.literal(rewritten.toString()) + " (FORMAT parquet)");
            Files.move(rewritten, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            InProcessPond.Run run = pond.run("fsck");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).containsAnyOf("does not match its hash", "bytes, the log says " + size);
        }
    }

    @Test
    void leftoversAndMissingControlRecordsAreRepaired() throws Exception {
        Files.write(root.resolve("data/_delta_log/.dead.json.tmp"), new byte[] {1});
        Path orphan = root.resolve("data/part_id=00000000-0000-7000-8000-000000000000/part-orphan.parquet");
        Files.write(orphan, new byte[] {1});
        // The control record of the last transaction is lost, as after a crash between the two commits.
        Path lastControl = root.resolve("control/_delta_log").resolve(String.format("%020d.json",
                files("control/_delta_log", ".json").size() - 1));
        Files.delete(lastControl);
        InProcessPond.Run run = pond.run("fsck");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("temp file of an interrupted write").contains("data file no commit references")
                .contains("no control record for transaction(s) 2..2").contains("repairable: pond recover");
        assertThat(run.stderr()).contains("run 'pond fsck --repair'");
        InProcessPond.Run repaired = pond.run("fsck", "--repair");
        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.stderr()).contains("completed 1 control record(s)");
        assertThat(orphan).doesNotExist();
        assertThat(pond.ok("cat", "/d/small.txt").out()).isEqualTo("small");
    }

    @Test
    void aDamagedCheckpointIsRebuiltFromTheCommits() throws Exception {
        for (int i = 0; i < 100; i++) {
            pond.ok("mkdir", "/m" + i);
        }
        Path checkpoint = root.resolve("data/_delta_log/00000000000000000100.checkpoint.parquet");
        assertThat(checkpoint).exists();
        Files.write(checkpoint, java.util.Arrays.copyOf(Files.readAllBytes(checkpoint), 100));
        assertThat(pond.ok("list").out()).contains("/m99"); // readers fall back to the commits
        InProcessPond.Run run = pond.run("fsck");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("00000000000000000100.checkpoint.parquet").contains("rebuild the checkpoint");
        InProcessPond.Run repaired = pond.run("fsck", "--repair");
        assertThat(repaired.exitCode()).as(repaired.toString()).isZero();
        assertThat(repaired.stderr()).contains("rebuilt 1 checkpoint(s)");
        assertThat(pond.run("fsck").exitCode()).isZero();
    }
}
