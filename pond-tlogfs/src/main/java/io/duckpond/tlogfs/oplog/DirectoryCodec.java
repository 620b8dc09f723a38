package io.duckpond.tlogfs.oplog;

import io.duckpond.tinyfs.node.DirectoryEntry;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.NodeId;
import io.duckpond.tinyfs.node.VersionSummary;
import io.duckpond.tinyfs.spi.EntryChange;
import io.duckpond.tlogfs.io.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code content} of a directory row: UTF-8 JSON, either a full listing or the changes since one (format in
 * docs/format.md). A change record names its base listing so a reader fetches exactly the rows it needs.
 */
final class DirectoryCodec {
    private DirectoryCodec() {}

    /** A decoded directory row. */
    sealed interface Record {}

    record Full(List<DirectoryEntry> entries) implements Record {}

    /**
     * @param changedSinceBase entry changes since the base listing, these included
     */
    record Changes(long baseVersion, long baseTxnSeq, long changedSinceBase, List<EntryChange> changes) implements Record {}

    static byte[] full(Collection<DirectoryEntry> entries) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("listing", "full");
        out.put("entries", entries.stream().map(DirectoryCodec::entry).toList());
        return Json.writeBytes(out);
    }

    static byte[] changes(long baseVersion, long baseTxnSeq, long changedSinceBase, List<EntryChange> changes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("listing", "changes");
        out.put("base_version", baseVersion);
        out.put("base_txn_seq", baseTxnSeq);
        out.put("changed_since_base", changedSinceBase);
        List<Object> list = new ArrayList<>();
        for (EntryChange change : changes) {
            Map<String, Object> c = new LinkedHashMap<>();
            if (change instanceof EntryChange.Put put) {
                c.put("op", "put");
                c.putAll(entry(put.entry()));
            } else {
                c.put("op", "remove");
                c.put("name", change.name());
            }
            list.add(c);
        }
        out.put("changes", list);
        return Json.writeBytes(out);
    }

    private static Map<String, Object> entry(DirectoryEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", e.name());
        out.put("node_id", e.node().value());
        out.put("type", e.type().label());
        e.latest().ifPresent(s -> {
            out.put("version", s.version());
            out.put("txn_seq", s.txnSeq());
            out.put("size", s.size());
            out.put("sha256", s.sha256());
            out.put("modified", s.modifiedMicros());
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    static Record decode(byte[] content) {
        Map<String, Object> m = (Map<String, Object>) Json.parse(content);
        String kind = (String) m.get("listing");
        if ("full".equals(kind)) {
            List<DirectoryEntry> entries = new ArrayList<>();
            for (Object e : (List<Object>) m.get("entries")) {
                entries.add(entry((Map<String, Object>) e));
            }
            return new Full(entries);
        }
        if ("changes".equals(kind)) {
            List<EntryChange> changes = new ArrayList<>();
            for (Object o : (List<Object>) m.get("changes")) {
                Map<String, Object> c = (Map<String, Object>) o;
                changes.add("remove".equals(c.get("op"))
                        ? new EntryChange.Remove((String) c.get("name"))
                        : new EntryChange.Put(entry(c)));
            }
            return new Changes(number(m, "base_version"), number(m, "base_txn_seq"), number(m, "changed_since_base"),
                    changes);
        }
        throw new IllegalArgumentException("unknown listing kind '" + kind + "'");
    }

    /** A one-line account of a directory row, for people. */
    static String summary(byte[] content) {
        Record record = decode(content);
        if (record instanceof Full full) {
            return "full listing of " + full.entries().size() + (full.entries().size() == 1 ? " entry" : " entries");
        }
        StringBuilder out = new StringBuilder("changes:");
        for (EntryChange change : ((Changes) record).changes()) {
            out.append(change instanceof EntryChange.Put ? " +" : " -").append(change.name());
        }
        return out.toString();
    }

    private static DirectoryEntry entry(Map<String, Object> m) {
        String name = (String) m.get("name");
        NodeId node = new NodeId((String) m.get("node_id"));
        EntryType type = EntryType.fromLabel((String) m.get("type"));
        if (type.isDirectory()) {
            return DirectoryEntry.directory(name, node);
        }
        return DirectoryEntry.leaf(name, node, type, new VersionSummary(number(m, "version"), number(m, "txn_seq"),
                number(m, "size"), (String) m.get("sha256"), number(m, "modified")));
    }

    private static long number(Map<String, Object> m, String field) {
        Object value = m.get(field);
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return n.longValue();
    }
}
