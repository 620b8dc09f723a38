package io.duckpond.tlogfs.oplog;

import io.duckpond.tinyfs.node.NodeId;
import io.duckpond.tinyfs.spi.NewVersion;
import io.duckpond.tlogfs.delta.Action;
import io.duckpond.tlogfs.delta.DataFileWriter;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Json;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.duckdb.DuckDBAppender;

/**
 * The oplog rows of one transaction, gathered in a DuckDB temp table and written as one Parquet file per partition.
 * Inline file contents are joined in from the staging table by hash, so they never sit in the Java heap.
 */
final class RowBatch implements AutoCloseable {
    static final String STAGED_TABLE = "pond_staged";
    private static final String ROWS_TABLE = "pond_rows";
    /** Content written per pass: what DuckDB holds in memory while it writes a group of partitions. */
    private static final long GROUP_BYTES = 32L << 20;

    private final DuckSession duck;
    private String prefix;
    private List<Path> partitionDirectories = List.of();
    private DuckDBAppender appender;
    /**
     * Content bytes per partition, counted as rows are added (a query would cost more than the counting). Sorted as
     * DuckDB sorts them: partition ids are lower-case UUIDs, plain ASCII.
     */
    private final SortedMap<String, Long> partitionBytes = new TreeMap<>();

    /** Makes the staging table small content waits in until the commit joins it in: empty, replacing any before. */
    static void createStaging(DuckSession duck) throws SQLException {
        duck.execute("CREATE OR REPLACE TEMP TABLE " + STAGED_TABLE + " (sha256 VARCHAR, content BLOB)");
    }

    /** A batch of rows for one transaction; the staging table ({@link #createStaging}) must exist. */
    RowBatch(DuckSession duck) throws SQLException {
        this.duck = duck;
        duck.execute("CREATE OR REPLACE TEMP TABLE " + ROWS_TABLE + " (part_id VARCHAR, node_id VARCHAR, "
                + "file_type VARCHAR, \"timestamp\" TIMESTAMPTZ, version BIGINT, content BLOB, inline_sha VARCHAR, "
                + "sha256 VARCHAR, size BIGINT, min_event_time BIGINT, max_event_time BIGINT, "
                + "extended_attributes VARCHAR, txn_seq BIGINT)");
        this.appender = duck.appender(ROWS_TABLE);
    }

    /** A directory row: it lives in its own partition. */
    void addDirectory(NodeId directory, long version, long timestampMicros, byte[] content, long txnSeq)
            throws SQLException {
        appender.beginRow().append(directory.value()).append(directory.value()).append("directory")
                .appendEpochMicros(timestampMicros).append(version).append(content).appendNull()
                .append(sha256(content)).append((long) content.length).appendNull().appendNull().appendNull()
                .append(txnSeq).endRow();
        partitionBytes.merge(directory.value(), (long) content.length, Long::sum);
    }

    /** A file or symlink row: it lives in its parent's partition; small content is joined from staging at write. */
    void addVersion(NewVersion v, long txnSeq) throws SQLException {
        boolean inline = v.content().size() < LargeFileStore.THRESHOLD;
        appender.beginRow().append(v.parent().value()).append(v.node().value()).append(v.type().label())
                .appendEpochMicros(v.timestampMicros()).append(v.version()).appendNull();
        if (inline) {
            appender.append(v.content().sha256());
        } else {
            appender.appendNull();
        }
        appender.append(v.content().sha256()).append(v.content().size());
        if (v.eventTime().isPresent()) {
            appender.append(v.eventTime().get().minMicros()).append(v.eventTime().get().maxMicros());
        } else {
            appender.appendNull().appendNull();
        }
        if (v.attributes().isEmpty()) {
            appender.appendNull();
        } else {
            appender.append(Json.write(new java.util.TreeMap<>(v.attributes())));
        }
        appender.append(txnSeq).endRow();
        partitionBytes.merge(v.parent().value(), inline ? v.content().size() : 0, Long::sum);
    }

    /**
     * Writes one forced Parquet file per partition and returns their {@code add} actions. Partitions are written in
     * groups of about {@link #GROUP_BYTES} of content, each group in one pass: memory stays bounded however many
     * files the transaction holds, and no row is scanned once per partition.
     */
    List<Action.AddFile> writeFiles(DataFileWriter writer, long txnSeq) throws SQLException, IOException {
        appender.close();
        appender = null;
        Set<Map.Entry<String, Long>> sizes = partitionBytes.entrySet();
        prefix = String.format("part-%020d-", txnSeq);
        partitionDirectories = sizes.stream()
                .map(part -> writer.tableRoot().resolve(OplogSchema.PART_ID + "=" + part.getKey())).toList();
        List<Action.AddFile> adds = new ArrayList<>();
        List<String> group = new ArrayList<>();
        long groupBytes = 0;
        for (Map.Entry<String, Long> part : sizes) {
            if (!group.isEmpty() && groupBytes + part.getValue() > GROUP_BYTES) {
                adds.addAll(writeGroup(writer, group));
                group.clear();
                groupBytes = 0;
            }
            group.add(part.getKey());
            groupBytes += part.getValue();
        }
        if (!group.isEmpty()) {
            adds.addAll(writeGroup(writer, group));
        }
        return adds;
    }

    /** One pass over the partitions {@code group} (consecutive in order), joining in their staged content. */
    private List<Action.AddFile> writeGroup(DataFileWriter writer, List<String> group)
            throws SQLException, IOException {
        // Staged content is unique by hash (OplogPendingCommit stages each hash once), so a plain join.
        String select = "SELECT r.node_id, r.file_type, r.\"timestamp\", r.version, "
                + "COALESCE(r.content, s.content) AS content, r.sha256, r.size, r.min_event_time, "
                + "r.max_event_time, r.extended_attributes, r.txn_seq, r.part_id AS " + OplogSchema.PART_ID
                + " FROM " + ROWS_TABLE + " r LEFT JOIN " + STAGED_TABLE + " s ON s.sha256 = r.inline_sha"
                + " WHERE r.part_id BETWEEN " + DuckSession.literal(group.get(0)) + " AND "
                + DuckSession.literal(group.get(group.size() - 1)) + " ORDER BY r.part_id, r.node_id, r.version";
        return writer.writePartitioned(select, OplogSchema.PART_ID, group, prefix);
    }

    /** Deletes the files this batch wrote (all named with its prefix): for a transaction that did not commit. */
    void deleteWritten() {
        if (prefix == null) {
            return;
        }
        for (Path directory : partitionDirectories) {
            try (var files = Files.newDirectoryStream(directory, prefix + "*")) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException ignored) {
                // an unreferenced file is harmless; 'pond recover' removes what is left
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (appender != null) {
            appender.close();
        }
        duck.execute("DROP TABLE IF EXISTS " + ROWS_TABLE);
    }

    private static String sha256(byte[] bytes) {
        MessageDigest digest = LargeFileStore.sha256();
        return HexFormat.of().formatHex(digest.digest(bytes));
    }
}
