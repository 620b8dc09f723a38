package io.duckpond.tlogfs.oplog;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.node.ContentRef;
import io.duckpond.tinyfs.node.DirectoryEntry;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.EventTimeRange;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tinyfs.node.NodeId;
import io.duckpond.tinyfs.spi.DirectoryListing;
import io.duckpond.tinyfs.spi.EntryChange;
import io.duckpond.tinyfs.spi.Snapshot;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Json;
import io.duckpond.tlogfs.oplog.OplogIndex.IndexedFile;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The oplog as of one transaction: rows with a larger {@code txn_seq} are invisible. */
final class OplogSnapshot implements Snapshot {

    /** A directory as read, with what a writer needs to choose between a full listing and a change record. */
    record DirectoryState(DirectoryListing listing, long baseVersion, long baseTxnSeq, long changedSinceBase) {}

    private final OplogPersistence owner;
    private final long txnSeq;
    private final OplogIndex index;

    OplogSnapshot(OplogPersistence owner, long txnSeq, OplogIndex index) {
        this.owner = owner;
        this.txnSeq = txnSeq;
        this.index = index;
    }

    @Override
    public long txnSeq() {
        return txnSeq;
    }

    @Override
    public DirectoryListing listing(NodeId directory) {
        return directoryState(directory).listing();
    }

    /**
     * Reads a directory from its newest row and, if that is a change record, the rows from its base listing on: at most
     * one full listing and 64 change records, whatever the history.
     */
    DirectoryState directoryState(NodeId directory) {
        synchronized (owner) {
            return owner.cache().get(directoryKey(directory, index.mark(directory.value(), txnSeq)),
                    () -> readDirectory(directory));
        }
    }

    static ReadCache.Key directoryKey(NodeId directory, long mark) {
        return new ReadCache.Key("directory", directory.value(), directory.value(), mark);
    }

    private record DirectoryRow(long version, long txnSeq, byte[] content) {}

    private DirectoryState readDirectory(NodeId directory) {
        List<IndexedFile> files = index.files(directory.value(), txnSeq);
        DirectoryRow newest = null;
        for (IndexedFile file : files) {
            List<DirectoryRow> rows = query("SELECT version, txn_seq, content FROM read_parquet("
                    + DuckSession.pathList(List.of(file.path())) + ") WHERE node_id = ? AND txn_seq <= ? "
                    + "ORDER BY version DESC LIMIT 1", OplogSnapshot::directoryRow, directory.value(), txnSeq);
            if (!rows.isEmpty()) {
                newest = rows.get(0);
                break;
            }
        }
        if (newest == null) {
            throw Errors.corrupt("directory " + directory, "no listing as of transaction " + txnSeq);
        }
        owner.countDirectoryRecords(1);
        DirectoryCodec.Record record = decode(directory, newest);
        if (record instanceof DirectoryCodec.Full full) {
            return new DirectoryState(listing(directory, newest.version(), full), newest.version(), newest.txnSeq(), 0);
        }
        DirectoryCodec.Changes last = (DirectoryCodec.Changes) record;
        List<Path> span = files.stream().filter(f -> f.txnMax() >= last.baseTxnSeq()).map(IndexedFile::path).toList();
        List<DirectoryRow> rows = query("SELECT version, txn_seq, content FROM read_parquet(" + DuckSession.pathList(span)
                + ") WHERE node_id = ? AND version >= ? AND version < ? AND txn_seq <= ? ORDER BY version",
                OplogSnapshot::directoryRow, directory.value(), last.baseVersion(), newest.version(), txnSeq);
        owner.countDirectoryRecords(rows.size());
        if (rows.isEmpty() || rows.get(0).version() != last.baseVersion()
                || !(decode(directory, rows.get(0)) instanceof DirectoryCodec.Full base)) {
            throw Errors.corrupt("directory " + directory, "base listing version " + last.baseVersion() + " is missing");
        }
        SortedMap<String, DirectoryEntry> entries = new TreeMap<>();
        base.entries().forEach(e -> entries.put(e.name(), e));
        for (DirectoryRow row : rows.subList(1, rows.size())) {
            apply(entries, ((DirectoryCodec.Changes) decode(directory, row)).changes());
        }
        apply(entries, last.changes());
        return new DirectoryState(new DirectoryListing(directory, newest.version(), entries), last.baseVersion(),
                last.baseTxnSeq(), last.changedSinceBase());
    }

    private static DirectoryRow directoryRow(ResultSet r) throws SQLException {
        return new DirectoryRow(r.getLong(1), r.getLong(2), r.getBytes(3));
    }

    private static DirectoryCodec.Record decode(NodeId directory, DirectoryRow row) {
        try {
            return DirectoryCodec.decode(row.content());
        } catch (RuntimeException e) {
            throw Errors.corrupt("directory " + directory + " version " + row.version(), e.getMessage(), e);
        }
    }

    private static DirectoryListing listing(NodeId directory, long version, DirectoryCodec.Full full) {
        SortedMap<String, DirectoryEntry> entries = new TreeMap<>();
        full.entries().forEach(e -> entries.put(e.name(), e));
        return new DirectoryListing(directory, version, entries);
    }

    private static void apply(SortedMap<String, DirectoryEntry> entries, List<EntryChange> changes) {
        for (EntryChange change : changes) {
            if (change instanceof EntryChange.Put put) {
                entries.put(put.name(), put.entry());
            } else {
                entries.remove(change.name());
            }
        }
    }

    @Override
    public FileVersion latest(NodeId parent, DirectoryEntry entry) {
        long version = entry.summary().version();
        long at = entry.summary().txnSeq();
        List<Path> files = filesCovering(parent, at);
        List<FileVersion> found = query("SELECT " + OplogSchema.VERSION_COLUMNS + " FROM read_parquet("
                + DuckSession.pathList(files) + ") WHERE node_id = ? AND version = ? AND txn_seq = ?",
                r -> fileVersion(parent, r), entry.node().value(), version, at);
        if (found.isEmpty()) {
            throw Errors.corrupt("node " + entry.node(), "version " + version + " of transaction " + at + " is missing");
        }
        return found.get(0);
    }

    @Override
    public List<FileVersion> versions(NodeId parent, NodeId node) {
        synchronized (owner) {
            return owner.cache().get(new ReadCache.Key("versions", parent.value(), node.value(),
                    index.mark(parent.value(), txnSeq)), () -> readVersions(parent, node));
        }
    }

    private List<FileVersion> readVersions(NodeId parent, NodeId node) {
        List<Path> files = index.files(parent.value(), txnSeq).stream().map(IndexedFile::path).toList();
        if (files.isEmpty()) {
            return List.of();
        }
        // A file moved away and back has its versions twice in this partition; the newest copy of each counts.
        return query("SELECT " + OplogSchema.VERSION_COLUMNS + " FROM read_parquet(" + DuckSession.pathList(files)
                + ") WHERE node_id = ? AND txn_seq <= ? "
                + "QUALIFY row_number() OVER (PARTITION BY version ORDER BY txn_seq DESC) = 1 ORDER BY version",
                r -> fileVersion(parent, r), node.value(), txnSeq);
    }

    @Override
    public InputStream open(FileVersion version) {
        if (version.size() >= LargeFileStore.THRESHOLD) {
            try {
                return owner.store().open(version.sha256());
            } catch (IOException e) {
                throw Errors.corrupt("large file " + version.sha256(), "cannot be read (" + e.getMessage() + ")", e);
            }
        }
        return new ByteArrayInputStream(inlineContent(version));
    }

    /** The inline bytes of a small version. */
    byte[] inlineContent(FileVersion version) {
        List<byte[]> found = query("SELECT content FROM read_parquet("
                + DuckSession.pathList(filesCovering(version.parent(), version.txnSeq()))
                + ") WHERE node_id = ? AND version = ? AND txn_seq = ?", r -> r.getBytes(1),
                version.node().value(), version.version(), version.txnSeq());
        if (found.isEmpty() || found.get(0) == null) {
            throw Errors.corrupt("node " + version.node(), "content of version " + version.version() + " is missing");
        }
        return found.get(0);
    }

    /** The data files of {@code parent}'s partition that can hold rows of transaction {@code at}. */
    List<Path> filesCovering(NodeId parent, long at) {
        List<Path> files = index.files(parent.value(), txnSeq).stream()
                .filter(f -> f.covers(at)).map(IndexedFile::path).toList();
        if (files.isEmpty()) {
            throw Errors.corrupt("partition " + parent, "no data file holds transaction " + at);
        }
        return files;
    }

    private static FileVersion fileVersion(NodeId parent, ResultSet r) throws SQLException {
        Object min = r.getObject("min_event_time");
        Object max = r.getObject("max_event_time");
        Optional<EventTimeRange> eventTime = min == null || max == null
                ? Optional.empty()
                : Optional.of(new EventTimeRange(((Number) min).longValue(), ((Number) max).longValue()));
        String attributes = r.getString("extended_attributes");
        Map<String, String> attrs = new HashMap<>();
        if (attributes != null) {
            Json.parseObject(attributes).forEach((k, v) -> attrs.put(k, String.valueOf(v)));
        }
        return new FileVersion(parent, new NodeId(r.getString("node_id")), EntryType.fromLabel(r.getString("file_type")),
                r.getLong("version"), r.getLong("txn_seq"), r.getLong("timestamp_us"),
                new ContentRef(r.getString("sha256"), r.getLong("size")), eventTime, attrs);
    }

    private <T> List<T> query(String sql, DuckSession.RowMapper<T> mapper, Object... parameters) {
        synchronized (owner) {
            try {
                return owner.duck().query(sql, mapper, parameters);
            } catch (SQLException e) {
                throw Errors.corrupt("oplog", e.getMessage(), e);
            }
        }
    }
}
