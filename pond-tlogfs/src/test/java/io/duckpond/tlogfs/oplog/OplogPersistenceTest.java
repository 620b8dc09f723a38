package io.duckpond.tlogfs.oplog;

import static io.duckpond.tlogfs.oplog.OplogFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckpond.tinyfs.error.PondException;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tlogfs.delta.DeltaLog;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OplogPersistenceTest {

    @TempDir
    Path dir;

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65_535, 65_536, 65_537, 300_000})
    void contentRoundTripsByteExactAcrossSessions(int size) throws IOException {
        byte[] bytes = random(size, size);
        try (OplogFixture pond = new OplogFixture(dir)) {
            pond.commit(tx -> write(tx, "/f.bin", bytes));
        }
        assertThat(OplogFixture.readFresh(dir.resolve("data"), "/f.bin", -1)).isEqualTo(bytes);
        boolean external = size >= LargeFileStore.THRESHOLD;
        try (Stream<Path> large = Files.walk(dir.resolve("data")).filter(p -> p.toString().contains("_large_files"))) {
            assertThat(large.anyMatch(Files::isRegularFile)).isEqualTo(external);
        }
    }

    @Test
    void identicalLargeContentIsStoredOnce() throws IOException {
        byte[] bytes = random(200_000, 7);
        try (OplogFixture pond = new OplogFixture(dir)) {
            pond.commit(tx -> {
                write(tx, "/a", bytes);
                write(tx, "/b", bytes);
            });
            pond.commit(tx -> write(tx, "/c", bytes));
            Path store = dir.resolve("data/_large_files");
            try (Stream<Path> files = Files.walk(store)) {
                List<Path> stored = files.filter(Files::isRegularFile).toList();
                assertThat(stored).hasSize(1);
                assertThat(stored.get(0).getParent().getFileName().toString())
                        .isEqualTo(stored.get(0).getFileName().toString().substring(0, 2));
            }
        }
    }

    @Test
    void everyEarlierTransactionStaysReadable() throws IOException {
        try (OplogFixture pond = new OplogFixture(dir)) {
            for (int i = 1; i <= 5; i++) {
                byte[] bytes = ("version " + i).getBytes();
                pond.commit(tx -> write(tx, "/log.txt", bytes));
            }
            pond.commit(tx -> tx.remove(PondPath.parse("/log.txt")));
        }
        Path data = dir.resolve("data");
        for (int txn = 1; txn <= 5; txn++) {
            assertThat(new String(OplogFixture.readFresh(data, "/log.txt", txn))).isEqualTo("version " + txn);
        }
        assertThatThrownBy(() -> OplogFixture.readFresh(data, "/log.txt", -1))
                .isInstanceOf(PondException.class)
                .hasMessageContaining("No such file or directory: /log.txt");
    }

    @Test
    void versionsCountFromOneWithoutGapsAndKeepTheirEntryTypeAcrossTheLargeFileBoundary() throws IOException {
        try (OplogFixture pond = new OplogFixture(dir)) {
            pond.commit(tx -> write(tx, "/s", EntryType.FILE_SERIES, random(10, 1)));
            pond.commit(tx -> write(tx, "/s", EntryType.FILE_SERIES, random(100_000, 2)));
            pond.commit(tx -> write(tx, "/s", EntryType.FILE_SERIES, random(10, 3)));
            FileSystemView fs = pond.latest();
            Node node = fs.resolve(PondPath.parse("/s"), Links.FOLLOW);
            assertThat(node.type()).isEqualTo(EntryType.FILE_SERIES);
            List<FileVersion> versions = fs.versions(node);
            assertThat(versions).extracting(FileVersion::version).containsExactly(1L, 2L, 3L);
            assertThat(versions).extracting(FileVersion::type).containsOnly(EntryType.FILE_SERIES);
            assertThat(versions).extracting(FileVersion::txnSeq).containsExactly(1L, 2L, 3L);
            assertThat(OplogFixture.read(fs, versions.get(1))).isEqualTo(random(100_000, 2));
        }
    }

    @Test
    void aDirectoryWithAThousandSingleFileTransactionsListsFromAtMost65Records() throws IOException {
        try (OplogFixture pond = new OplogFixture(dir)) {
            pond.commit(tx -> tx.mkdir(PondPath.parse("/busy")));
            for (int i = 0; i < 1000; i++) {
                byte[] bytes = ("row " + i).getBytes();
                String name = "/busy/f" + i;
                pond.commit(tx -> write(tx, name, bytes));
            }
            assertThat(pond.warnings).isEmpty();
        }
        try (DuckSession other = DuckSession.open()) {
            OplogPersistence reader = OplogPersistence.open(dir.resolve("data"), other, w -> {});
            FileSystemView fs = new FileSystemView(reader.latest());
            long before = reader.directoryRecordsRead();
            List<Node> entries = fs.entries(fs.directory(PondPath.parse("/busy")));
            long busyRecords = reader.directoryRecordsRead() - before;
            assertThat(entries).hasSize(1000);
            assertThat(busyRecords).isBetween(1L, 65L);
            assertThat(new String(OplogFixture.read(fs, fs.latest(entries.get(0))))).startsWith("row ");
            // Opening read the checkpoint at 1000 plus at most one commit, never the whole history.
            assertThat(reader.delta().version()).isEqualTo(1001);
            assertThat(reader.delta().logFilesRead()).isLessThanOrEqualTo(DeltaLog.CHECKPOINT_INTERVAL + 2);
            assertThat(Files.exists(dir.resolve("data/_delta_log/00000000000000001000.checkpoint.parquet"))).isTrue();
        }
    }

    @Test
    void aCommitThatLosesTheRaceLeavesNoFilesBehind() throws IOException {
        try (OplogFixture pond = new OplogFixture(dir)) {
            pond.commit(tx -> write(tx, "/a", "a".getBytes()));
            Path data = dir.resolve("data");
            long filesBefore = countParquet(data);
            // Someone else publishes transaction 2 while ours is being built.
            try (io.duckpond.tinyfs.spi.PendingCommit pending = pond.persistence.begin()) {
                io.duckpond.tinyfs.fs.Transaction tx = new io.duckpond.tinyfs.fs.Transaction(pending, 5);
                write(tx, "/big", random(100_000, 9));
                Files.copy(data.resolve("_delta_log/00000000000000000001.json"),
                        data.resolve("_delta_log/00000000000000000002.json"));
                assertThatThrownBy(() -> pending.commit(tx.changes(), java.util.Map.of()))
                        .isInstanceOf(PondException.class)
                        .extracting(e -> ((PondException) e).kind())
                        .isEqualTo(Problem.Kind.BUSY);
            }
            assertThat(countParquet(data)).isEqualTo(filesBefore);
            try (Stream<Path> large = Files.walk(data.resolve("_large_files"))) {
                assertThat(large.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }

    private static long countParquet(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log")).count();
        }
    }

    @Test
    void moveToAnotherDirectoryKeepsEveryVersionReadable() throws IOException {
        try (OplogFixture pond = new OplogFixture(dir)) {
            pond.commit(tx -> {
                tx.mkdir(PondPath.parse("/a"));
                tx.mkdir(PondPath.parse("/b"));
                write(tx, "/a/f", "small".getBytes());
            });
            pond.commit(tx -> write(tx, "/a/f", random(70_000, 3)));
            pond.commit(tx -> tx.rename(PondPath.parse("/a/f"), PondPath.parse("/b/g")));
            pond.commit(tx -> tx.rename(PondPath.parse("/b/g"), PondPath.parse("/a/f")));
            FileSystemView fs = pond.latest();
            List<FileVersion> versions = fs.versions(fs.resolve(PondPath.parse("/a/f"), Links.FOLLOW));
            assertThat(versions).extracting(FileVersion::version).containsExactly(1L, 2L);
            assertThat(OplogFixture.read(fs, versions.get(0))).isEqualTo("small".getBytes());
            assertThat(OplogFixture.read(fs, versions.get(1))).isEqualTo(random(70_000, 3));
        }
    }
}
