package io.duckpond.steward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckpond.steward.control.ControlRecord;
import io.duckpond.steward.lock.WriterLock;
import io.duckpond.steward.recovery.RecoveryReport;
import io.duckpond.tinyfs.error.PondException;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.fs.Transaction;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tinyfs.spi.PendingCommit;
import io.duckpond.tlogfs.delta.Action;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PondTest {

    @TempDir
    Path dir;

    private Path root() {
        return dir.resolve("pond");
    }

    private static Invocation invocation(String... argv) {
        return Invocation.current(List.of(argv));
    }

    private static void write(Transaction tx, String path, byte[] bytes) {
        try {
            tx.write(PondPath.parse(path), EntryType.FILE_DATA, tx.stage(new ByteArrayInputStream(bytes)),
                    Optional.empty(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void initIsTransactionZeroInBothTables() throws Exception {
        try (Pond pond = Pond.init(root(), invocation("pond", "init"), Optional.of("test site"))) {
            assertThat(pond.latestTxn()).isZero();
            assertThat(pond.configuration()).containsEntry("pond.format-version", "1")
                    .containsEntry("pond.birthplace", "test site")
                    .containsKey("pond.id");
            List<ControlRecord> records = pond.control().records();
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.txnSeq()).contains(0L);
                assertThat(r.command()).containsExactly("pond", "init");
                assertThat(r.outcome()).isEqualTo(ControlRecord.Outcome.COMMITTED);
            });
        }
        assertThatThrownBy(() -> Pond.init(root(), invocation("pond", "init"), Optional.empty()))
                .isInstanceOf(PondException.class)
                .hasMessageStartingWith("Already a pond: ");
    }

    @Test
    void copyOfTwoFilesIsOneTransaction() throws Exception {
        try (Pond pond = Pond.init(root(), invocation("pond", "init"), Optional.empty())) {
            Written<Void> written = pond.write(invocation("pond", "copy", "a", "b", "/"), Duration.ZERO, tx -> {
                write(tx, "/a", "A".getBytes());
                write(tx, "/b", "B".getBytes());
                return null;
            });
            assertThat(written.txnSeq()).contains(1L);
            assertThat(pond.latestTxn()).isEqualTo(1);
            assertThat(pond.control().records()).extracting(r -> r.txnSeq().orElse(-1L)).containsExactly(0L, 1L);
        }
    }

    @Test
    void aFailedWriteCommitsNothingAndIsRecordedAsAFailedAttempt() throws Exception {
        try (Pond pond = Pond.init(root(), invocation("pond", "init"), Optional.empty())) {
            assertThatThrownBy(() -> pond.write(invocation("pond", "copy", "good", "missing", "/"), Duration.ZERO, tx -> {
                write(tx, "/good", "fine".getBytes());
                write(tx, "/big", new byte[100_000]);
                throw new UncheckedIOException(new IOException("missing: no such file"));
            })).hasMessageContaining("missing: no such file");
            assertThat(pond.latestTxn()).isZero();
            assertThat(pond.read().find(PondPath.parse("/good"), Links.FOLLOW)).isEmpty();
            List<ControlRecord> records = pond.control().records();
            assertThat(records).hasSize(2);
            assertThat(records.get(1).outcome()).isEqualTo(ControlRecord.Outcome.FAILED);
            assertThat(records.get(1).txnSeq()).isEmpty();
            assertThat(records.get(1).message()).hasValueSatisfying(m -> assertThat(m).contains("no such file"));
            try (Stream<Path> large = Files.walk(pond.layout().data().resolve("_large_files"))) {
                assertThat(large.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }

    @Test
    void aSecondWriterWaitsThenFailsBusyNamingTheHolder() throws Exception {
        try (Pond pond = Pond.init(root(), invocation("pond", "init"), Optional.empty())) {
            try (WriterLock held = WriterLock.acquire(pond.layout().lock(), invocation("pond", "copy", "slow"),
                    Duration.ZERO)) {
                assertThatThrownBy(() -> pond.write(invocation("pond", "mkdir", "/x"), Duration.ofMillis(200),
                        tx -> tx.mkdir(PondPath.parse("/x"))))
                        .isInstanceOf(PondException.class)
                        .satisfies(e -> assertThat(((PondException) e).kind()).isEqualTo(Problem.Kind.BUSY))
                        .hasMessageContaining("Pond is busy")
                        .hasMessageContaining("pid " + ProcessHandle.current().pid())
                        .hasMessageContaining("'pond copy slow'")
                        .hasMessageContaining("--wait SECONDS");
            }
            assertThat(pond.write(invocation("pond", "mkdir", "/x"), Duration.ZERO,
                    tx -> tx.mkdir(PondPath.parse("/x"))).txnSeq()).contains(1L);
        }
    }

    @Test
    void anInitThatWaitedForTheLockNeverWipesAPondMadeMeanwhile() throws Exception {
        Path elsewhere = dir.resolve("elsewhere");
        try (Pond made = Pond.init(elsewhere, invocation("pond", "init"), Optional.empty())) {
            made.write(invocation("pond", "mkdir", "/important"), Duration.ZERO, tx -> tx.mkdir(PondPath.parse("/important")));
        }
        Files.createDirectories(root());
        java.util.concurrent.CompletableFuture<Object> waitingInit;
        try (WriterLock held = WriterLock.acquire(root().resolve("lock"), invocation("pond", "hold"), Duration.ZERO)) {
            waitingInit = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (Pond p = Pond.init(root(), invocation("pond", "init"), Optional.empty())) {
                    return p.id();
                } catch (PondException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            // Meanwhile a pond with committed work appears there.
            Files.move(elsewhere.resolve("data"), root().resolve("data"));
            Files.move(elsewhere.resolve("control"), root().resolve("control"));
        }
        assertThat(waitingInit.get()).isInstanceOf(PondException.class)
                .satisfies(e -> assertThat(((PondException) e).getMessage()).startsWith("Already a pond"));
        try (Pond pond = Pond.open(root())) {
            assertThat(pond.read().find(PondPath.parse("/important"), Links.FOLLOW)).isPresent();
        }
    }

    /** Every path and the bytes of every file, as of one transaction. */
    private static java.util.SortedMap<String, String> everything(io.duckpond.tinyfs.fs.FileSystemView view) {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        for (var match : view.glob(io.duckpond.tinyfs.glob.Glob.parse("/**"), io.duckpond.tinyfs.fs.Hidden.INCLUDE)) {
            String value = match.node().type().label();
            if (!match.node().isDirectory()) {
                try (var in = view.open(view.latest(match.node()))) {
                    value += " " + java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            out.put(match.node().path().toString(), value);
        }
        return out;
    }

    @Test
    void maintainCompactsEachDirectoryIntoOneFileAndChangesNoContentNowOrInHistory() throws Exception {
        try (Pond pond = Pond.init(root(), invocation("pond", "init"), Optional.empty())) {
            pond.write(invocation("pond", "mkdir"), Duration.ZERO, tx -> tx.mkdirs(PondPath.parse("/a/b")));
            for (int i = 0; i < 12; i++) {
                int n = i;
                pond.write(invocation("pond", "copy", "" + n), Duration.ZERO, tx -> {
                    write(tx, "/a/f" + (n % 3), ("v" + n).getBytes());
                    write(tx, "/a/b/big", new byte[70_000 + n]);
                    return null;
                });
            }
            pond.write(invocation("pond", "mv"), Duration.ZERO, tx -> tx.rename(PondPath.parse("/a/f0"),
                    PondPath.parse("/a/b/moved")));
            long before = pond.latestTxn();
            java.util.List<java.util.SortedMap<String, String>> history = new java.util.ArrayList<>();
            for (long t = 0; t <= before; t++) {
                history.add(everything(pond.readAt(t)));
            }
            int filesBefore = pond.data().delta().files().size();

            Pond.Maintained m = pond.maintain(invocation("pond", "maintain"), Duration.ZERO);
            assertThat(m.txnSeq()).contains(before + 1);
            assertThat(m.dataFilesBefore()).isEqualTo(filesBefore);
            assertThat(pond.data().delta().files()).hasSize(3); // the root, /a and /a/b
            assertThat(Files.exists(pond.layout().data().resolve(
                    String.format("_delta_log/%020d.checkpoint.parquet", before + 1)))).isTrue();
            for (long t = 0; t <= before; t++) {
                assertThat(everything(pond.readAt(t))).as("as of %d", t).isEqualTo(history.get((int) t));
            }
            assertThat(everything(pond.read())).isEqualTo(history.get((int) before));
            assertThat(pond.control().records()).last().satisfies(r -> assertThat(r.command()).contains("maintain"));
            // A fresh reader agrees, the next write works, and nothing is left to recover.
            try (Pond again = Pond.open(root())) {
                assertThat(everything(again.read())).isEqualTo(history.get((int) before));
            }
            pond.write(invocation("pond", "mkdir", "/after"), Duration.ZERO, tx -> tx.mkdir(PondPath.parse("/after")));
            assertThat(pond.recover(invocation("pond", "recover"), Duration.ZERO).changedAnything()).isFalse();
            assertThat(pond.maintain(invocation("pond", "maintain"), Duration.ZERO).txnSeq()).isPresent();
        }
    }

    @Test
    void openingSomethingThatIsNotAPondSaysHowToMakeOneAndCreatesNothing() {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> Pond.open(missing))
                .isInstanceOf(PondException.class)
                .hasMessage("Not a pond: " + missing + " (run 'pond init' first)");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aPondOfANewerFormatIsRefusedNotMisread() throws Exception {
        try (Pond pond = Pond.init(root(), invocation("pond", "init"), Optional.empty())) {
            Action.Metadata old = pond.data().delta().metadata();
            Map<String, String> newer = new java.util.HashMap<>(old.configuration());
            newer.put("pond.format-version", "2");
            pond.data().log().commit(1, List.of(new Action.Metadata(old.id(), old.schemaString(),
                    old.partitionColumns(), newer, old.createdTime())));
        }
        assertThatThrownBy(() -> Pond.open(root()))
                .isInstanceOf(PondException.class)
                .hasMessageContaining("has format version 2; this program reads up to 1")
                .extracting(e -> ((PondException) e).kind())
                .isEqualTo(Problem.Kind.UNSUPPORTED_VERSION);
    }

    @Test
    void recoverCompletesMissingControlRecordsAndRemovesUnreferencedFiles() throws Exception {
        try (Pond pond = Pond.init(root(), invocation("pond", "init"), Optional.empty())) {
            // A command that died right after its data commit: no control record.
            try (PendingCommit pending = pond.data().begin()) {
                Transaction tx = new Transaction(pending, Clock.nowMicros());
                write(tx, "/kept", "kept".getBytes());
                pending.commit(tx.changes(), Map.of("command", List.of("pond", "copy", "kept", "/")));
            }
            // A command that died before its commit: a data file, a large file and a temp file nobody references.
            Path orphanPart = pond.layout().data().resolve("part_id=00000000-0000-7000-8000-000000000000/part-x.parquet");
            Files.write(orphanPart, new byte[] {1});
            Path orphanLarge = pond.layout().data().resolve("_large_files/ab/ab" + "0".repeat(62));
            Files.createDirectories(orphanLarge.getParent());
            Files.write(orphanLarge, new byte[] {2});
            Files.write(pond.layout().data().resolve("_delta_log/.dead.json.tmp"), new byte[] {3});

            RecoveryReport report = pond.recover(invocation("pond", "recover"), Duration.ZERO);
            assertThat(report).isEqualTo(new RecoveryReport(1, 1, 1, 0, 1, 0));
            assertThat(orphanPart).doesNotExist();
            assertThat(orphanLarge).doesNotExist();
            assertThat(pond.control().records()).extracting(r -> r.command())
                    .containsExactly(List.of("pond", "init"), List.of("pond", "copy", "kept", "/"));
            assertThat(pond.read().find(PondPath.parse("/kept"), Links.FOLLOW)).isPresent();
            assertThat(pond.recover(invocation("pond", "recover"), Duration.ZERO).changedAnything()).isFalse();
        }
    }
}
