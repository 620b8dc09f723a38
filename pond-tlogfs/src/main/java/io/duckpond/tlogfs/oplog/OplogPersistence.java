package io.duckpond.tlogfs.oplog;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.node.NodeId;
import io.duckpond.tinyfs.spi.PendingCommit;
import io.duckpond.tinyfs.spi.Persistence;
import io.duckpond.tinyfs.spi.Snapshot;
import io.duckpond.tlogfs.delta.Action;
import io.duckpond.tlogfs.delta.Compaction;
import io.duckpond.tlogfs.delta.DataFileWriter;
import io.duckpond.tlogfs.delta.DeltaLog;
import io.duckpond.tlogfs.delta.DeltaSnapshot;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The tinyfs persisted as an append-only oplog in a Delta table partitioned by directory. One transaction is one Delta
 * commit; directory rows hold a full listing or the changes since one; small contents are inline, large ones in the
 * {@link LargeFileStore}. Not thread-safe for concurrent use beyond its own locking: one DuckDB session serves all.
 */
public final class OplogPersistence implements Persistence {

    public static final String ENGINE = "duckpond/0.1.0";
    static final String APP_ID = "duckpond";

    private final DeltaLog log;
    private final DuckSession duck;
    private final LargeFileStore store;
    private final DataFileWriter writer;
    private final Consumer<String> warnings;
    private final AtomicLong directoryRecordsRead = new AtomicLong();
    private final ReadCache cache = new ReadCache();
    private DeltaSnapshot delta;
    private OplogIndex index;

    private OplogPersistence(Path dataDirectory, DuckSession duck, Consumer<String> warnings) {
        this.log = new DeltaLog(dataDirectory, duck);
        this.duck = duck;
        this.store = new LargeFileStore(dataDirectory.resolve("_large_files"));
        this.writer = new DataFileWriter(duck, OplogSchema.SCHEMA, dataDirectory);
        this.warnings = warnings;
    }

    /**
     * Creates the oplog table as transaction 0: the Delta protocol and metadata (with {@code configuration}), and the
     * empty root directory.
     */
    public static void create(Path dataDirectory, DuckSession duck, Map<String, String> configuration,
            Map<String, Object> commitInfo, long timestampMicros) throws IOException {
        OplogPersistence p = new OplogPersistence(dataDirectory, duck, w -> {});
        if (p.log.exists()) {
            throw Errors.alreadyExists(dataDirectory);
        }
        Map<String, String> config = new LinkedHashMap<>(configuration);
        config.put("delta.appendOnly", "true");
        config.put("delta.checkpointInterval", Integer.toString(DeltaLog.CHECKPOINT_INTERVAL));
        long millis = timestampMicros / 1000;
        List<Action> actions = new ArrayList<>();
        actions.add(p.commitInfo(0, "CREATE TABLE", commitInfo, millis));
        actions.add(new Action.Protocol(1, 2));
        actions.add(new Action.Metadata(UUID.randomUUID().toString(), OplogSchema.SCHEMA.schemaString(),
                OplogSchema.SCHEMA.partitionColumns(), config, millis));
        actions.add(new Action.TransactionId(APP_ID, 0, millis));
        try {
            RowBatch.createStaging(duck);
            try (RowBatch rows = new RowBatch(duck)) {
                rows.addDirectory(NodeId.ROOT, 1, timestampMicros, DirectoryCodec.full(List.of()), 0);
                actions.addAll(rows.writeFiles(p.writer, 0));
            }
        } catch (SQLException e) {
            throw Errors.io("write the root directory", dataDirectory, e);
        }
        p.log.create(actions);
    }

    /** Opens an existing oplog at its newest transaction. */
    public static OplogPersistence open(Path dataDirectory, DuckSession duck, Consumer<String> warnings) throws IOException {
        OplogPersistence p = new OplogPersistence(dataDirectory, duck, warnings);
        p.delta = p.log.snapshot();
        p.index = OplogIndex.of(dataDirectory, p.delta.files());
        return p;
    }

    /** {@code metaData.configuration} of the oplog table, where the pond records its identity and format version. */
    public synchronized Map<String, String> configuration() {
        return delta.metadata().configuration();
    }

    public DeltaLog log() {
        return log;
    }

    public LargeFileStore store() {
        return store;
    }

    /** The state of the Delta table as this persistence last read it. */
    public synchronized DeltaSnapshot delta() {
        return delta;
    }

    /** How many directory rows reads have decoded (a directory lists from at most 65). */
    public long directoryRecordsRead() {
        return directoryRecordsRead.get();
    }

    @Override
    public synchronized Snapshot latest() {
        refresh();
        return new OplogSnapshot(this, delta.version(), index);
    }

    @Override
    public synchronized Snapshot asOf(long txnSeq) {
        refresh();
        if (txnSeq < 0 || txnSeq > delta.version()) {
            throw Errors.of(io.duckpond.tinyfs.error.Problem.Kind.NOT_FOUND, "No such transaction",
                    Long.toString(txnSeq), "the newest is " + delta.version() + "; see 'pond log'");
        }
        return new OplogSnapshot(this, txnSeq, index);
    }

    @Override
    public synchronized PendingCommit begin() {
        refresh();
        try {
            return new OplogPendingCommit(this, new OplogSnapshot(this, delta.version(), index));
        } catch (SQLException e) {
            throw Errors.io("start a transaction", log.tableRoot(), e);
        }
    }

    /** Catches up with commits made since the last read (by this process or another). */
    private void refresh() {
        try {
            List<Action.AddFile> added = new ArrayList<>();
            List<Action.RemoveFile> removed = new ArrayList<>();
            DeltaSnapshot next = log.update(delta, action -> {
                if (action instanceof Action.AddFile add) {
                    added.add(add);
                } else if (action instanceof Action.RemoveFile remove) {
                    removed.add(remove);
                }
            });
            if (next != delta) {
                index = index.with(log.tableRoot(), added, removed);
                delta = next;
            }
        } catch (IOException e) {
            throw Errors.io("read the Delta log", log.logDirectory(), e);
        }
    }

    /** What {@link #compact} did: partitions rewritten, and their files before (each now one file). */
    public record Compacted(long txnSeq, int partitions, int filesBefore) {}

    /**
     * Rewrites every partition's files into one (no row changes) as transaction {@code latest + 1}, then writes a
     * checkpoint. The caller holds the writer lock. Empty when every partition has one file already.
     */
    public synchronized java.util.Optional<Compacted> compact(Map<String, Object> commitInfo, long timestampMicros)
            throws IOException, SQLException {
        refresh();
        long txnSeq = delta.version() + 1;
        Compaction.Plan plan = Compaction.plan(duck, writer, delta, OplogSchema.PART_ID, "node_id, version, txn_seq",
                txnSeq);
        if (plan.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<Action> actions = new ArrayList<>();
        actions.add(commitInfo(txnSeq, "OPTIMIZE", commitInfo, timestampMicros / 1000));
        actions.add(new Action.TransactionId(APP_ID, txnSeq, timestampMicros / 1000));
        actions.addAll(plan.actions());
        try {
            log.commit(txnSeq, actions);
        } catch (IOException | RuntimeException e) {
            if (!java.nio.file.Files.exists(log.commitFile(txnSeq))) {
                for (Action a : plan.actions()) {
                    if (a instanceof Action.AddFile add) {
                        java.nio.file.Files.deleteIfExists(log.tableRoot().resolve(add.relativePath()));
                    }
                }
            }
            throw e;
        }
        refresh();
        log.checkpoint(delta);
        return java.util.Optional.of(new Compacted(txnSeq, plan.partitions(), plan.filesBefore()));
    }

    /** The commit information recorded with a transaction, if the commit has any. */
    public Optional<Map<String, Object>> commitInfo(long txnSeq) throws IOException {
        for (Action a : log.readCommit(txnSeq)) {
            if (a instanceof Action.CommitInfo info) {
                return Optional.of(info.fields());
            }
        }
        return Optional.empty();
    }

    /** The rows transaction {@code txnSeq} wrote, partition by partition; directory rows summarized. */
    public synchronized List<OplogRow> rowsOf(long txnSeq) throws IOException {
        List<java.nio.file.Path> files = new ArrayList<>();
        for (Action a : log.readCommit(txnSeq)) {
            if (a instanceof Action.AddFile add && add.dataChange()) {
                files.add(log.tableRoot().resolve(add.relativePath()));
            }
        }
        if (files.isEmpty()) {
            return List.of();
        }
        try {
            return duck.query("SELECT part_id, node_id, file_type, version, size, sha256, "
                    + "CASE WHEN file_type = 'directory' THEN content END FROM read_parquet("
                    + DuckSession.pathList(files) + ", hive_partitioning = true, hive_types = {'part_id': VARCHAR}) "
                    + "WHERE txn_seq = ? ORDER BY part_id, node_id, version", r -> new OplogRow(r.getString(1),
                            r.getString(2), r.getString(3), r.getLong(4), r.getLong(5), r.getString(6),
                            Optional.ofNullable(r.getBytes(7)).map(DirectoryCodec::summary)), txnSeq);
        } catch (SQLException e) {
            throw Errors.corrupt("transaction " + txnSeq, e.getMessage(), e);
        }
    }

    // --- used by snapshots and pending commits ------------------------------------------------------------------

    DuckSession duck() {
        return duck;
    }

    ReadCache cache() {
        return cache;
    }

    DataFileWriter writer() {
        return writer;
    }

    void countDirectoryRecords(long n) {
        directoryRecordsRead.addAndGet(n);
    }

    Action.CommitInfo commitInfo(long txnSeq, String operation, Map<String, Object> pond, long millis) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("timestamp", millis);
        fields.put("operation", operation);
        fields.put("operationParameters", operation.equals("WRITE") ? Map.of("mode", "Append") : Map.of());
        fields.put("isBlindAppend", true);
        fields.put("engineInfo", ENGINE);
        fields.put("txn_seq", txnSeq);
        fields.put("pond", pond);
        return new Action.CommitInfo(fields);
    }

    /** Takes in a commit made by this process and writes a checkpoint when one is due; a failed one only warns. */
    synchronized void committed(long txnSeq) {
        refresh();
        if (txnSeq % DeltaLog.CHECKPOINT_INTERVAL == 0) {
            try {
                log.checkpoint(delta);
            } catch (IOException | SQLException | RuntimeException e) {
                warnings.accept("checkpoint " + txnSeq + " of " + log.tableRoot() + " failed (" + e.getMessage()
                        + "); the commit is safe and readers replay the log instead");
            }
        }
    }
}
