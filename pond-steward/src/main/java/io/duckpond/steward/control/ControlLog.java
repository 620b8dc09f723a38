package io.duckpond.steward.control;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tlogfs.delta.Action;
import io.duckpond.tlogfs.delta.Column;
import io.duckpond.tlogfs.delta.DataFileWriter;
import io.duckpond.tlogfs.delta.DeltaLog;
import io.duckpond.tlogfs.delta.DeltaSnapshot;
import io.duckpond.tlogfs.delta.DeltaType;
import io.duckpond.tlogfs.delta.TableSchema;
import io.duckpond.tlogfs.duck.DuckSession;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.duckdb.DuckDBAppender;

/**
 * The control table: a Delta table with one row per write command (committed or failed), written after the data
 * commit. Its {@code txn} action (app id {@code duckpond}) carries the newest data transaction it has recorded, so
 * finding unrecorded transactions needs no data file.
 */
public final class ControlLog {

    public static final TableSchema SCHEMA = new TableSchema(List.of(
            Column.optional("txn_seq", DeltaType.LONG),
            Column.required("command", DeltaType.STRING_ARRAY),
            Column.required("outcome", DeltaType.STRING),
            Column.required("user", DeltaType.STRING),
            Column.required("host", DeltaType.STRING),
            Column.required("pid", DeltaType.LONG),
            Column.required("started", DeltaType.TIMESTAMP),
            Column.required("ended", DeltaType.TIMESTAMP),
            Column.required("pond_id", DeltaType.STRING),
            Column.optional("message", DeltaType.STRING)),
            List.of());

    private static final String APP_ID = "duckpond";

    private final DeltaLog log;
    private final DuckSession duck;
    private final DataFileWriter writer;
    /** The table as last read; brought up to date from the commits since (a checkpoint is read once, not per write). */
    private DeltaSnapshot known;

    public ControlLog(Path root, DuckSession duck) {
        this.log = new DeltaLog(root, duck);
        this.duck = duck;
        this.writer = new DataFileWriter(duck, SCHEMA, root);
    }

    public DeltaLog log() {
        return log;
    }

    public boolean exists() {
        return log.exists();
    }

    /** Creates the table with its first records (those of {@code pond init}). */
    public void create(List<ControlRecord> first, Map<String, String> configuration) {
        long millis = first.get(0).endedMicros() / 1000;
        List<Action> actions = new ArrayList<>();
        actions.add(new Action.CommitInfo(Map.of("timestamp", millis, "operation", "CREATE TABLE",
                "engineInfo", io.duckpond.tlogfs.oplog.OplogPersistence.ENGINE)));
        actions.add(new Action.Protocol(1, 2));
        Map<String, String> config = new LinkedHashMap<>(configuration);
        config.put("delta.appendOnly", "true");
        actions.add(new Action.Metadata(UUID.randomUUID().toString(), SCHEMA.schemaString(), List.of(), config, millis));
        try {
            actions.addAll(recordActions(0, first));
            java.nio.file.Files.createDirectories(log.logDirectory());
            log.create(actions);
        } catch (IOException | SQLException e) {
            throw Errors.io("create the control table", log.tableRoot(), e);
        }
    }

    /** Appends records in one control commit; returns its version. */
    public long append(List<ControlRecord> records) throws IOException, SQLException {
        long version = log.latestVersion() + 1;
        List<Action> actions = new ArrayList<>();
        actions.add(new Action.CommitInfo(Map.of("timestamp", System.currentTimeMillis(), "operation", "WRITE",
                "operationParameters", Map.of("mode", "Append"), "isBlindAppend", true,
                "engineInfo", io.duckpond.tlogfs.oplog.OplogPersistence.ENGINE)));
        actions.addAll(recordActions(version, records));
        log.commit(version, actions);
        if (version % DeltaLog.CHECKPOINT_INTERVAL == 0) {
            try {
                log.checkpoint(current());
            } catch (IOException | SQLException | RuntimeException ignored) {
                // Checkpoints only speed up reading; every commit file stays.
            }
        }
        return version;
    }

    private List<Action> recordActions(long version, List<ControlRecord> records) throws IOException, SQLException {
        duck.execute("CREATE OR REPLACE TEMP TABLE pond_control (" + SCHEMA.duckColumns() + ")");
        long newest = -1;
        try (DuckDBAppender a = duck.appender("pond_control")) {
            for (ControlRecord r : records) {
                a.beginRow();
                if (r.txnSeq().isPresent()) {
                    a.append(r.txnSeq().get());
                    newest = Math.max(newest, r.txnSeq().get());
                } else {
                    a.appendNull();
                }
                a.append(r.command()).append(r.outcome().label()).append(r.user()).append(r.host()).append(r.pid())
                        .appendEpochMicros(r.startedMicros()).appendEpochMicros(r.endedMicros()).append(r.pondId());
                if (r.message().isPresent()) {
                    a.append(r.message().get());
                } else {
                    a.appendNull();
                }
                a.endRow();
            }
        }
        String relative = String.format("part-%020d-", version) + UUID.randomUUID() + ".zstd.parquet";
        Action.AddFile add = writer.write("SELECT " + SCHEMA.dataColumnList() + " FROM pond_control", relative, Map.of());
        duck.execute("DROP TABLE pond_control");
        List<Action> actions = new ArrayList<>();
        if (newest >= 0) {
            actions.add(new Action.TransactionId(APP_ID, Math.max(newest, recordedThrough()), System.currentTimeMillis()));
        }
        actions.add(add);
        return actions;
    }

    /** Rewrites the control table's files into one (no record changes); returns how many files there were. */
    public int compact() throws IOException, SQLException {
        long version = log.latestVersion() + 1;
        io.duckpond.tlogfs.delta.Compaction.Plan plan = io.duckpond.tlogfs.delta.Compaction.plan(duck, writer,
                current(), null, "started", version);
        if (plan.isEmpty()) {
            return 0;
        }
        List<Action> actions = new ArrayList<>();
        actions.add(new Action.CommitInfo(Map.of("timestamp", System.currentTimeMillis(), "operation", "OPTIMIZE",
                "engineInfo", io.duckpond.tlogfs.oplog.OplogPersistence.ENGINE)));
        actions.addAll(plan.actions());
        log.commit(version, actions);
        log.checkpoint(current());
        return plan.filesBefore();
    }

    /** The newest data transaction the control table has recorded, or -1. */
    public long recordedThrough() throws IOException {
        if (!log.exists()) {
            return -1;
        }
        return current().transactions().stream()
                .filter(t -> t.appId().equals(APP_ID))
                .mapToLong(Action.TransactionId::version)
                .max().orElse(-1);
    }

    /** The table at its newest version, read incrementally after the first time. */
    private DeltaSnapshot current() throws IOException {
        known = known == null ? log.snapshot() : log.update(known, action -> {});
        return known;
    }

    /** Every record, oldest first (by start time). */
    public List<ControlRecord> records() throws IOException, SQLException {
        List<Path> files = current().files().stream().map(f -> log.tableRoot().resolve(f.relativePath())).toList();
        if (files.isEmpty()) {
            return List.of();
        }
        List<ControlRecord> records = duck.query("SELECT txn_seq, command, outcome, user, host, pid, epoch_us(started), "
                + "epoch_us(ended), pond_id, message FROM read_parquet(" + DuckSession.pathList(files) + ")", row -> {
                    Object txn = row.getObject(1);
                    Array command = row.getArray(2);
                    List<String> argv = Arrays.stream((Object[]) command.getArray()).map(String::valueOf).toList();
                    return new ControlRecord(
                            txn == null ? Optional.empty() : Optional.of(((Number) txn).longValue()),
                            argv, ControlRecord.Outcome.fromLabel(row.getString(3)), row.getString(4),
                            row.getString(5), row.getLong(6), row.getLong(7), row.getLong(8), row.getString(9),
                            Optional.ofNullable(row.getString(10)));
                });
        List<ControlRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingLong(ControlRecord::startedMicros));
        return sorted;
    }
}
