package io.duckpond.tinyfs.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckpond.tinyfs.error.PondException;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.glob.Glob;
import io.duckpond.tinyfs.memory.InMemoryPersistence;
import io.duckpond.tinyfs.node.ContentRef;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tinyfs.spi.ChangeSet;
import io.duckpond.tinyfs.spi.EntryChange;
import io.duckpond.tinyfs.spi.PendingCommit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FileSystemTest {

    private final InMemoryPersistence persistence = new InMemoryPersistence();
    private long clock = 1_000_000;

    private ChangeSet commit(Consumer<Transaction> work) {
        try (PendingCommit pending = persistence.begin()) {
            Transaction tx = new Transaction(pending, clock++);
            work.accept(tx);
            ChangeSet changes = tx.changes();
            pending.commit(changes, Map.of());
            return changes;
        }
    }

    private static PondPath p(String path) {
        return PondPath.parse(path);
    }

    private static void write(Transaction tx, String path, String text) {
        write(tx, path, EntryType.FILE_DATA, text);
    }

    private static void write(Transaction tx, String path, EntryType type, String text) {
        try {
            ContentRef content = tx.stage(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            tx.write(p(path), type, content, Optional.empty(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FileSystemView latest() {
        return new FileSystemView(persistence.latest());
    }

    private static String read(FileSystemView fs, String path) {
        return read(fs, fs.latest(fs.resolve(p(path), Links.FOLLOW)));
    }

    private static String read(FileSystemView fs, FileVersion version) {
        try (InputStream in = fs.open(version)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> globPaths(FileSystemView fs, String pattern, Hidden hidden) {
        return fs.glob(Glob.parse(pattern), hidden).stream().map(m -> m.node().path().toString()).toList();
    }

    @Test
    void mkdirThenWriteIsReadableInLaterSnapshots() {
        commit(tx -> tx.mkdir(p("/sensors")));
        commit(tx -> write(tx, "/sensors/temp.csv", "t,v\n1,2\n"));

        FileSystemView fs = latest();
        assertThat(fs.txnSeq()).isEqualTo(2);
        assertThat(read(fs, "/sensors/temp.csv")).isEqualTo("t,v\n1,2\n");
        assertThat(fs.entries(fs.directory(p("/sensors")))).extracting(Node::name).containsExactly("temp.csv");
    }

    @Test
    void eachWriteIsANewVersionAndOldSnapshotsStillReadTheOldOne() {
        commit(tx -> write(tx, "/a.txt", "one"));
        commit(tx -> write(tx, "/a.txt", "two"));

        FileSystemView fs = latest();
        Node node = fs.resolve(p("/a.txt"), Links.FOLLOW);
        assertThat(fs.versions(node)).extracting(FileVersion::version).containsExactly(1L, 2L);
        assertThat(read(fs, "/a.txt")).isEqualTo("two");
        assertThat(read(new FileSystemView(persistence.asOf(1)), "/a.txt")).isEqualTo("one");
    }

    @Test
    void aTransactionReadsItsOwnWritesBeforeCommit() {
        commit(tx -> {
            tx.mkdirs(p("/x/y"));
            write(tx, "/x/y/f", "hello");
            assertThat(read(tx, "/x/y/f")).isEqualTo("hello");
        });
    }

    @Test
    void mkdirRefusesExistingNamesAndMissingParents() {
        commit(tx -> tx.mkdir(p("/a")));
        assertThatThrownBy(() -> commit(tx -> tx.mkdir(p("/a"))))
                .isInstanceOf(PondException.class)
                .hasMessage("Already exists: /a (choose another name or remove it first)");
        assertThatThrownBy(() -> commit(tx -> tx.mkdir(p("/missing/b"))))
                .hasMessageStartingWith("No such file or directory: /missing");
    }

    @Test
    void mkdirsCreatesOnlyMissingDirectoriesAndRefusesFilesInTheWay() {
        commit(tx -> tx.mkdirs(p("/a/b")));
        ChangeSet second = commit(tx -> tx.mkdirs(p("/a/b/c")));
        assertThat(second.directories()).hasSize(2); // b gains an entry, c is created
        commit(tx -> write(tx, "/a/file", "x"));
        assertThatThrownBy(() -> commit(tx -> tx.mkdirs(p("/a/file/d")))).hasMessage("Not a directory: /a/file");
    }

    @Test
    void entryTypeIsKeptAcrossRewrites() {
        commit(tx -> write(tx, "/s", EntryType.FILE_SERIES, "v1"));
        assertThatThrownBy(() -> commit(tx -> write(tx, "/s", EntryType.FILE_DATA, "v2")))
                .isInstanceOf(PondException.class)
                .hasMessageContaining("/s is file:series, not file:data");
    }

    @Test
    void symlinksResolveRelativeToTheirDirectory() {
        commit(tx -> {
            tx.mkdirs(p("/data/raw"));
            write(tx, "/data/raw/t.csv", "temps");
            tx.symlink(p("/data/latest"), "raw/t.csv");
            tx.symlink(p("/shortcut"), "/data/raw");
        });
        FileSystemView fs = latest();
        assertThat(read(fs, "/data/latest")).isEqualTo("temps");
        assertThat(read(fs, "/shortcut/t.csv")).isEqualTo("temps");
        assertThat(fs.resolve(p("/data/latest"), Links.NO_FOLLOW).type()).isEqualTo(EntryType.SYMLINK);
        assertThat(fs.linkTarget(fs.resolve(p("/data/latest"), Links.NO_FOLLOW))).isEqualTo("raw/t.csv");
    }

    @Test
    void symlinkLoopsAreDetected() {
        commit(tx -> {
            tx.symlink(p("/a"), "b");
            tx.symlink(p("/b"), "a");
        });
        assertThatThrownBy(() -> latest().resolve(p("/a"), Links.FOLLOW))
                .isInstanceOf(PondException.class)
                .hasMessageContaining("Too many levels of symbolic links: /a");
    }

    @Test
    void writingThroughASymlinkWritesItsTarget() {
        commit(tx -> {
            write(tx, "/target", "old");
            tx.symlink(p("/link"), "target");
        });
        commit(tx -> write(tx, "/link", "new"));
        assertThat(read(latest(), "/target")).isEqualTo("new");
    }

    @Test
    void removeNeedsRecursionForNonEmptyDirectoriesAndKeepsHistory() {
        commit(tx -> {
            tx.mkdir(p("/d"));
            write(tx, "/d/f", "kept");
        });
        assertThatThrownBy(() -> commit(tx -> tx.remove(p("/d")))).hasMessageContaining("Directory not empty: /d");
        commit(tx -> tx.removeRecursively(p("/d")));
        assertThat(latest().find(p("/d"), Links.FOLLOW)).isEmpty();
        assertThat(read(new FileSystemView(persistence.asOf(1)), "/d/f")).isEqualTo("kept");
        assertThatThrownBy(() -> commit(tx -> tx.remove(PondPath.ROOT))).hasMessageContaining("the root directory");
    }

    @Test
    void renameWithinADirectoryChangesOnlyTheListing() {
        commit(tx -> write(tx, "/a", "x"));
        ChangeSet changes = commit(tx -> tx.rename(p("/a"), p("/b")));
        assertThat(changes.versions()).isEmpty();
        assertThat(changes.directories()).singleElement().satisfies(d -> assertThat(d.changes())
                .containsExactlyInAnyOrder(new EntryChange.Put(d.entries().get("b")), new EntryChange.Remove("a")));
        assertThat(read(latest(), "/b")).isEqualTo("x");
    }

    @Test
    void moveToAnotherDirectoryRehomesEveryVersion() {
        commit(tx -> {
            tx.mkdir(p("/in"));
            tx.mkdir(p("/out"));
            write(tx, "/in/f", "v1");
        });
        commit(tx -> write(tx, "/in/f", "v2"));
        commit(tx -> tx.rename(p("/in/f"), p("/out")));

        FileSystemView fs = latest();
        Node moved = fs.resolve(p("/out/f"), Links.FOLLOW);
        assertThat(fs.versions(moved)).extracting(v -> read(fs, v)).containsExactly("v1", "v2");
        assertThat(fs.find(p("/in/f"), Links.FOLLOW)).isEmpty();
        assertThat(read(new FileSystemView(persistence.asOf(2)), "/in/f")).isEqualTo("v2");
    }

    @Test
    void aDirectoryCannotMoveIntoItself() {
        commit(tx -> tx.mkdirs(p("/a/b")));
        assertThatThrownBy(() -> commit(tx -> tx.rename(p("/a"), p("/a/b/c"))))
                .hasMessageContaining("Cannot move a directory into itself");
        assertThatThrownBy(() -> commit(tx -> tx.rename(p("/a/b"), p("/a"))))
                .extracting(e -> ((PondException) e).kind())
                .isEqualTo(Problem.Kind.ALREADY_EXISTS);
    }

    @Test
    void changesThatCancelOutLeaveNoDirectoryVersion() {
        commit(tx -> write(tx, "/keep", "x"));
        ChangeSet changes = commit(tx -> {
            tx.mkdir(p("/tmp"));
            tx.remove(p("/tmp"));
        });
        assertThat(changes.directories()).extracting(d -> d.directory().value())
                .doesNotContain(io.duckpond.tinyfs.node.NodeId.ROOT.value());
    }

    @Test
    void globMatchesFilesAcrossDirectoriesAndSkipsHiddenNames() {
        commit(tx -> {
            tx.mkdirs(p("/site1/pumps"));
            tx.mkdirs(p("/site2"));
            write(tx, "/site1/t.csv", "1");
            write(tx, "/site1/pumps/p.csv", "2");
            write(tx, "/site2/t.csv", "3");
            write(tx, "/site2/.hidden.csv", "4");
        });
        FileSystemView fs = latest();
        assertThat(globPaths(fs, "/*/t.csv", Hidden.SKIP)).containsExactly("/site1/t.csv", "/site2/t.csv");
        assertThat(globPaths(fs, "/**/*.csv", Hidden.SKIP))
                .containsExactly("/site1/pumps/p.csv", "/site1/t.csv", "/site2/t.csv");
        assertThat(globPaths(fs, "/site2/", Hidden.SKIP)).containsExactly("/site2/t.csv");
        assertThat(globPaths(fs, "/site2/", Hidden.INCLUDE)).containsExactly("/site2/.hidden.csv", "/site2/t.csv");
        assertThat(globPaths(fs, "/", Hidden.SKIP)).containsExactly("/site1", "/site2");
        assertThat(fs.glob(Glob.parse("/site*/**/*.csv"), Hidden.SKIP))
                .extracting(GlobMatch::captures)
                .containsExactly(List.of("1", "pumps", "p"), List.of("1", "", "t"), List.of("2", "", "t"));
    }

    @Test
    void globFollowsSymlinkedDirectoriesOnlyForNamedSegments() {
        commit(tx -> {
            tx.mkdir(p("/real"));
            write(tx, "/real/f", "x");
            tx.symlink(p("/alias"), "real");
            tx.symlink(p("/real/loop"), "/real");
        });
        FileSystemView fs = latest();
        assertThat(globPaths(fs, "/alias/*", Hidden.SKIP)).containsExactly("/alias/f", "/alias/loop");
        assertThat(globPaths(fs, "/**", Hidden.SKIP)).containsExactly("/alias", "/real", "/real/f", "/real/loop");
    }
}
