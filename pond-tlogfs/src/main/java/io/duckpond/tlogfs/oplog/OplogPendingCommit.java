package io.duckpond.tlogfs.oplog;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.node.ContentRef;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tinyfs.spi.ChangeSet;
import io.duckpond.tinyfs.spi.DirectoryChange;
import io.duckpond.tinyfs.spi.DirectoryListing;
import io.duckpond.tinyfs.spi.NewVersion;
import io.duckpond.tinyfs.spi.PendingCommit;
import io.duckpond.tinyfs.spi.Snapshot;
import io.duckpond.tlogfs.delta.Action;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;

/**
 * One transaction being built on the oplog. Commit order: large contents were already written and forced when staged;
 * then one Parquet file per touched partition, forced; then the Delta commit is published (the commit point). If
 * anything fails before that point, the files this transaction wrote are deleted again.
 */
final class OplogPendingCommit implements PendingCommit {

    /** A directory gets a full listing again once more than this many versions or entry changes pile up on its base. */
    static final int MAX_CHANGES_SINCE_FULL = 64;

    private final OplogPersistence owner;
    private final OplogSnapshot base;
    private final Set<String> stagedInline = new HashSet<>();
    private final Set<String> createdLargeFiles = new HashSet<>();
    private boolean committed;
    /** Inline content staged so far, appended in bulk (a statement per file costs more than the write). */
    private DuckDBAppender staging;

    OplogPendingCommit(OplogPersistence owner, OplogSnapshot base) throws SQLException {
        this.owner = owner;
        this.base = base;
        RowBatch.createStaging(owner.duck());
    }

    @Override
    public Snapshot base() {
        return base;
    }

    @Override
    public ContentRef stage(InputStream content) throws IOException {
        byte[] head = new byte[LargeFileStore.THRESHOLD];
        int length = content.readNBytes(head, 0, head.length);
        if (length < LargeFileStore.THRESHOLD) {
            byte[] bytes = java.util.Arrays.copyOf(head, length);
            String sha = HexFormat.of().formatHex(LargeFileStore.sha256().digest(bytes));
            stageInline(sha, bytes);
            return new ContentRef(sha, length);
        }
        LargeFileStore.Stored stored = owner.store().store(head, length, content);
        if (stored.outcome() == LargeFileStore.Outcome.CREATED) {
            createdLargeFiles.add(stored.content().sha256());
        }
        return stored.content();
    }

    private void stageInline(String sha, byte[] bytes) {
        if (!stagedInline.add(sha)) {
            return;
        }
        synchronized (owner) {
            try {
                if (staging == null) {
                    staging = owner.duck().appender(RowBatch.STAGED_TABLE);
                }
                staging.beginRow().append(sha).append(bytes).endRow();
            } catch (SQLException e) {
                throw Errors.io("stage content", "DuckDB", e);
            }
        }
    }

    /** Makes appended content visible to queries on the staging table. */
    private void flushStaging() throws SQLException {
        if (staging != null) {
            staging.flush();
        }
    }

    @Override
    public ContentRef restage(FileVersion existing) {
        if (existing.size() < LargeFileStore.THRESHOLD) {
            stageInline(existing.sha256(), base.inlineContent(existing));
        }
        return existing.content();
    }

    @Override
    public InputStream openStaged(ContentRef content) {
        if (content.size() >= LargeFileStore.THRESHOLD) {
            try {
                return owner.store().open(content.sha256());
            } catch (IOException e) {
                throw Errors.io("read staged content", content.sha256(), e);
            }
        }
        synchronized (owner) {
            try {
                flushStaging();
                List<byte[]> found = owner.duck().query("SELECT content FROM " + RowBatch.STAGED_TABLE
                        + " WHERE sha256 = ? LIMIT 1", r -> r.getBytes(1), content.sha256());
                if (found.isEmpty()) {
                    throw new IllegalArgumentException("content " + content.sha256() + " was not staged");
                }
                return new ByteArrayInputStream(found.get(0));
            } catch (SQLException e) {
                throw Errors.io("read staged content", "DuckDB", e);
            }
        }
    }

    @Override
    public void commit(ChangeSet changes, Map<String, Object> commitInfo) {
        long txnSeq = base.txnSeq() + 1;
        if (changes.txnSeq() != txnSeq) {
            throw new IllegalArgumentException("changes are for transaction " + changes.txnSeq() + ", not " + txnSeq);
        }
        synchronized (owner) {
            RowBatch rows = null;
            List<OplogSnapshot.DirectoryState> written = new ArrayList<>();
            try {
                flushStaging();
                rows = new RowBatch(owner.duck());
                for (DirectoryChange d : changes.directories()) {
                    Encoded encoded = encode(d, txnSeq);
                    rows.addDirectory(d.directory(), d.version(), changes.timestampMicros(), encoded.content(), txnSeq);
                    written.add(encoded.next());
                }
                for (NewVersion v : changes.versions()) {
                    rows.addVersion(v, txnSeq);
                }
                List<Action> actions = new ArrayList<>();
                actions.add(owner.commitInfo(txnSeq, "WRITE", commitInfo, changes.timestampMicros() / 1000));
                actions.add(new Action.TransactionId(OplogPersistence.APP_ID, txnSeq, changes.timestampMicros() / 1000));
                actions.addAll(rows.writeFiles(owner.writer(), txnSeq));
                owner.log().commit(txnSeq, actions);
                committed = true;
            } catch (FileAlreadyExistsException e) {
                abandon(rows);
                throw Errors.of(Problem.Kind.BUSY, "Another writer committed first",
                        "transaction " + txnSeq + " already exists", "retry the command", e);
            } catch (IOException | SQLException | RuntimeException e) {
                if (Files.exists(owner.log().commitFile(txnSeq))) {
                    // Published, then something after the commit point failed: the transaction stands.
                    committed = true;
                } else {
                    abandon(rows);
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw Errors.io("commit transaction " + txnSeq, owner.log().tableRoot(), e);
            } finally {
                closeQuietly(rows);
            }
            owner.committed(txnSeq);
            // This process knows the directories it just wrote; later transactions need not read them back.
            for (OplogSnapshot.DirectoryState state : written) {
                owner.cache().put(OplogSnapshot.directoryKey(state.listing().directory(), txnSeq), state);
            }
        }
    }

    /** A directory row's content, and the state a reader would build from it. */
    private record Encoded(byte[] content, OplogSnapshot.DirectoryState next) {}

    /** Full listing or change record: full for a new directory, or when the changes on the base grow past the limit. */
    private Encoded encode(DirectoryChange d, long txnSeq) {
        DirectoryListing listing = new DirectoryListing(d.directory(), d.version(), d.entries());
        if (!d.isCreation()) {
            OplogSnapshot.DirectoryState state = base.directoryState(d.directory());
            long changed = state.changedSinceBase() + d.changes().size();
            if (d.version() - state.baseVersion() <= MAX_CHANGES_SINCE_FULL && changed <= MAX_CHANGES_SINCE_FULL) {
                return new Encoded(DirectoryCodec.changes(state.baseVersion(), state.baseTxnSeq(), changed, d.changes()),
                        new OplogSnapshot.DirectoryState(listing, state.baseVersion(), state.baseTxnSeq(), changed));
            }
        }
        return new Encoded(DirectoryCodec.full(d.entries().values()),
                new OplogSnapshot.DirectoryState(listing, d.version(), txnSeq, 0));
    }

    private void abandon(RowBatch rows) {
        if (rows != null) {
            rows.deleteWritten();
        }
        deleteCreatedLargeFiles();
    }

    private void deleteCreatedLargeFiles() {
        for (String sha : createdLargeFiles) {
            try {
                owner.store().delete(sha);
            } catch (IOException ignored) {
                // an unreferenced file is harmless; 'pond recover' removes what is left
            }
        }
        createdLargeFiles.clear();
    }

    private static void closeQuietly(RowBatch rows) {
        if (rows != null) {
            try {
                rows.close();
            } catch (SQLException ignored) {
                // a temp table left behind dies with the session
            }
        }
    }

    @Override
    public void close() {
        if (!committed) {
            deleteCreatedLargeFiles();
        }
        synchronized (owner) {
            try {
                if (staging != null) {
                    staging.close();
                }
                owner.duck().execute("DROP TABLE IF EXISTS " + RowBatch.STAGED_TABLE);
            } catch (SQLException ignored) {
                // a temp table left behind dies with the session
            }
        }
    }
}
