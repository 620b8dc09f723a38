package io.duckpond.tlogfs.oplog;

import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.fs.Transaction;
import io.duckpond.tinyfs.node.ContentRef;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tinyfs.spi.PendingCommit;
import io.duckpond.tlogfs.duck.DuckSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A real oplog in a temp directory, with helpers to commit tinyfs transactions and read back. */
final class OplogFixture implements AutoCloseable {
    final Path data;
    final DuckSession duck = DuckSession.open();
    final List<String> warnings = new ArrayList<>();
    final OplogPersistence persistence;
    private long clock = 1_700_000_000_000_000L;

    OplogFixture(Path directory) throws IOException {
        this.data = directory.resolve("data");
        OplogPersistence.create(data, duck, Map.of("pond.id", "test"), Map.of("command", List.of("init")), clock);
        this.persistence = OplogPersistence.open(data, duck, warnings::add);
    }

    void commit(Consumer<Transaction> work) {
        try (PendingCommit pending = persistence.begin()) {
            Transaction tx = new Transaction(pending, clock += 1_000_000);
            work.accept(tx);
            pending.commit(tx.changes(), Map.of("command", List.of("test")));
        }
    }

    static void write(Transaction tx, String path, byte[] bytes) {
        write(tx, path, EntryType.FILE_DATA, bytes);
    }

    static void write(Transaction tx, String path, EntryType type, byte[] bytes) {
        try {
            ContentRef content = tx.stage(new ByteArrayInputStream(bytes));
            tx.write(PondPath.parse(path), type, content, Optional.empty(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh reader in its own DuckDB session, as another process would be. */
    static byte[] readFresh(Path data, String path, long atTxn) throws IOException {
        try (DuckSession other = DuckSession.open()) {
            OplogPersistence p = OplogPersistence.open(data, other, w -> {});
            FileSystemView fs = new FileSystemView(atTxn < 0 ? p.latest() : p.asOf(atTxn));
            return read(fs, fs.latest(fs.resolve(PondPath.parse(path), Links.FOLLOW)));
        }
    }

    static byte[] read(FileSystemView fs, FileVersion version) {
        try (InputStream in = fs.open(version)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FileSystemView latest() {
        return new FileSystemView(persistence.latest());
    }

    @Override
    public void close() {
        duck.close();
    }
}
