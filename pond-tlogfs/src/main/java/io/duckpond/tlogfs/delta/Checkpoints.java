package io.duckpond.tlogfs.delta;

import io.duckpond.tlogfs.delta.Action.AddFile;
import io.duckpond.tlogfs.delta.Action.Metadata;
import io.duckpond.tlogfs.delta.Action.Protocol;
import io.duckpond.tlogfs.delta.Action.RemoveFile;
import io.duckpond.tlogfs.delta.Action.TransactionId;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Json;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBAppender;

/**
 * Classic single-file Delta checkpoints, written and read with DuckDB. The column types are the ones Delta Kernel 4.4.0
 * accepted (research/delta-by-hand.md section 2.7): protocol versions must be INT32, partition values a MAP.
 */
final class Checkpoints {
    private Checkpoints() {}

    private static final String SCHEMA = "txn STRUCT(appId VARCHAR, version BIGINT, lastUpdated BIGINT), "
            + "add STRUCT(path VARCHAR, partitionValues MAP(VARCHAR, VARCHAR), size BIGINT, modificationTime BIGINT, "
            + "dataChange BOOLEAN, stats VARCHAR, tags MAP(VARCHAR, VARCHAR)), "
            + "remove STRUCT(path VARCHAR, deletionTimestamp BIGINT, dataChange BOOLEAN, extendedFileMetadata BOOLEAN, "
            + "partitionValues MAP(VARCHAR, VARCHAR), size BIGINT), "
            + "metaData STRUCT(id VARCHAR, name VARCHAR, description VARCHAR, "
            + "format STRUCT(provider VARCHAR, options MAP(VARCHAR, VARCHAR)), schemaString VARCHAR, "
            + "partitionColumns VARCHAR[], configuration MAP(VARCHAR, VARCHAR), createdTime BIGINT), "
            + "protocol STRUCT(minReaderVersion INTEGER, minWriterVersion INTEGER)";

    /** How long Delta keeps a tombstone unless the table says otherwise ({@code delta.deletedFileRetentionDuration}). */
    static final Duration DEFAULT_TOMBSTONE_RETENTION = Duration.ofDays(7);

    private static final Pattern INTERVAL = Pattern.compile("interval\\s+(\\d+)\\s+(week|day|hour|minute|second)s?");

    /**
     * The table's tombstone retention: tombstones older than this are left out of new checkpoints, as the Delta
     * protocol allows, so that a pond compacted every night for years does not carry every file it ever replaced.
     * An unreadable setting keeps the default (keeping longer is always safe).
     */
    static long tombstoneRetentionMillis(Metadata metadata) {
        String setting = metadata.configuration().get("delta.deletedFileRetentionDuration");
        Matcher m = setting == null ? null : INTERVAL.matcher(setting.trim().toLowerCase(java.util.Locale.ROOT));
        if (m == null || !m.matches()) {
            return DEFAULT_TOMBSTONE_RETENTION.toMillis();
        }
        long n = Long.parseLong(m.group(1));
        ChronoUnit unit = switch (m.group(2)) {
            case "week" -> ChronoUnit.WEEKS;
            case "day" -> ChronoUnit.DAYS;
            case "hour" -> ChronoUnit.HOURS;
            case "minute" -> ChronoUnit.MINUTES;
            default -> ChronoUnit.SECONDS;
        };
        return unit.getDuration().multipliedBy(n).toMillis();
    }

    /**
     * Writes every action of {@code snapshot} to {@code target} as Parquet, but tombstones past their retention;
     * returns the number of rows.
     */
    static long write(DuckSession duck, DeltaSnapshot snapshot, Path target) throws SQLException {
        duck.execute("CREATE OR REPLACE TEMP TABLE pond_checkpoint (" + SCHEMA + ")");
        long rows = 0;
        try (DuckDBAppender a = duck.appender("pond_checkpoint")) {
            Protocol p = snapshot.protocol();
            a.beginRow().appendNull().appendNull().appendNull().appendNull();
            a.beginStruct().append(p.minReaderVersion()).append(p.minWriterVersion()).endStruct().endRow();
            Metadata m = snapshot.metadata();
            a.beginRow().appendNull().appendNull().appendNull();
            a.beginStruct().append(m.id()).appendNull().appendNull();
            a.beginStruct().append("parquet").append(Map.of()).endStruct();
            a.append(m.schemaString()).append(m.partitionColumns()).append(m.configuration()).append(m.createdTime());
            a.endStruct().appendNull().endRow();
            rows += 2;
            for (TransactionId t : snapshot.transactions()) {
                a.beginRow().beginStruct().append(t.appId()).append(t.version()).append(t.lastUpdated()).endStruct();
                a.appendNull().appendNull().appendNull().appendNull().endRow();
                rows++;
            }
            for (AddFile f : snapshot.files()) {
                a.beginRow().appendNull().beginStruct().append(f.path()).append(f.partitionValues()).append(f.size())
                        .append(f.modificationTime()).append(f.dataChange());
                if (f.stats().isPresent()) {
                    a.append(f.stats().get());
                } else {
                    a.appendNull();
                }
                a.appendNull().endStruct().appendNull().appendNull().appendNull().endRow();
                rows++;
            }
            long expiredBefore = System.currentTimeMillis() - tombstoneRetentionMillis(snapshot.metadata());
            for (RemoveFile r : snapshot.tombstones()) {
                if (r.deletionTimestamp() < expiredBefore) {
                    continue;
                }
                a.beginRow().appendNull().appendNull().beginStruct().append(r.path()).append(r.deletionTimestamp())
                        .append(r.dataChange()).append(true).append(r.partitionValues()).append(r.size())
                        .endStruct().appendNull().appendNull().endRow();
                rows++;
            }
        }
        duck.execute("COPY pond_checkpoint TO " + DuckSession.literal(target.toString()) + " (FORMAT parquet)");
        duck.execute("DROP TABLE pond_checkpoint");
        return rows;
    }

    /**
     * Replays a checkpoint into {@code builder}, through the same JSON decoding as commit files; its tombstones only if
     * {@code tombstones} says to read them.
     */
    static void read(DuckSession duck, Path checkpoint, DeltaSnapshot.Builder builder,
            DeltaSnapshot.Tombstones tombstones) throws SQLException {
        List<Action> actions = new ArrayList<>();
        boolean skip = tombstones == DeltaSnapshot.Tombstones.SKIPPED_IN_CHECKPOINT;
        duck.query("SELECT to_json(txn), to_json(add), to_json(remove), to_json(metaData), to_json(protocol) "
                + "FROM read_parquet(" + DuckSession.literal(checkpoint.toString()) + ")"
                + (skip ? " WHERE remove IS NULL" : ""), row -> {
                    String[] keys = {"txn", "add", "remove", "metaData", "protocol"};
                    for (int i = 0; i < keys.length; i++) {
                        String json = row.getString(i + 1);
                        if (json != null) {
                            ActionCodec.fromJson(Map.of(keys[i], Json.parse(json))).ifPresent(actions::add);
                        }
                    }
                    return null;
                });
        builder.apply(-1, actions);
        if (skip) {
            builder.tombstonesRead = tombstones;
        }
    }
}
