package io.duckpond.tlogfs.delta;

import io.duckpond.tlogfs.delta.Action.AddFile;
import io.duckpond.tlogfs.delta.Action.CommitInfo;
import io.duckpond.tlogfs.delta.Action.Metadata;
import io.duckpond.tlogfs.delta.Action.Protocol;
import io.duckpond.tlogfs.delta.Action.RemoveFile;
import io.duckpond.tlogfs.delta.Action.TransactionId;
import io.duckpond.tlogfs.io.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delta actions as JSON lines, in the exact shapes the Delta protocol (and Delta Kernel 4.4.0, checked in
 * pond-conformance) requires: one compact object per line, {@code \n} after each, required fields always present.
 */
final class ActionCodec {
    private ActionCodec() {}

    static byte[] commitFile(List<Action> actions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Action action : actions) {
            out.writeBytes(Json.writeBytes(toJson(action)));
            out.write('\n');
        }
        return out.toByteArray();
    }

    static Map<String, Object> toJson(Action action) {
        Map<String, Object> body = new LinkedHashMap<>();
        String key;
        if (action instanceof CommitInfo info) {
            key = "commitInfo";
            body.putAll(info.fields());
        } else if (action instanceof Protocol p) {
            key = "protocol";
            body.put("minReaderVersion", p.minReaderVersion());
            body.put("minWriterVersion", p.minWriterVersion());
        } else if (action instanceof Metadata m) {
            key = "metaData";
            body.put("id", m.id());
            body.put("format", Map.of("provider", "parquet", "options", Map.of()));
            body.put("schemaString", m.schemaString());
            body.put("partitionColumns", m.partitionColumns());
            body.put("configuration", new java.util.TreeMap<>(m.configuration()));
            body.put("createdTime", m.createdTime());
        } else if (action instanceof TransactionId t) {
            key = "txn";
            body.put("appId", t.appId());
            body.put("version", t.version());
            body.put("lastUpdated", t.lastUpdated());
        } else if (action instanceof AddFile a) {
            key = "add";
            body.put("path", a.path());
            body.put("partitionValues", a.partitionValues());
            body.put("size", a.size());
            body.put("modificationTime", a.modificationTime());
            body.put("dataChange", a.dataChange());
            a.stats().ifPresent(s -> body.put("stats", s));
        } else {
            RemoveFile r = (RemoveFile) action;
            key = "remove";
            body.put("path", r.path());
            body.put("deletionTimestamp", r.deletionTimestamp());
            body.put("dataChange", r.dataChange());
            body.put("extendedFileMetadata", true);
            body.put("partitionValues", r.partitionValues());
            body.put("size", r.size());
        }
        return Map.of(key, body);
    }

    /** The actions of one commit file; unknown actions are skipped, as the protocol asks. */
    static List<Action> parseCommitFile(byte[] bytes, String fileName) {
        List<Action> actions = new ArrayList<>();
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lineNumber = 0;
        for (String line : text.split("\r?\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                fromJson(Json.parseObject(line)).ifPresent(actions::add);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(fileName + " line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return actions;
    }

    @SuppressWarnings("unchecked")
    static Optional<Action> fromJson(Map<String, Object> line) {
        if (line.size() != 1) {
            throw new IllegalArgumentException("an action line holds exactly one action, found " + line.keySet());
        }
        Map.Entry<String, Object> only = line.entrySet().iterator().next();
        if (!(only.getValue() instanceof Map)) {
            return Optional.empty();
        }
        Map<String, Object> b = (Map<String, Object>) only.getValue();
        switch (only.getKey()) {
            case "commitInfo":
                return Optional.of(new CommitInfo(b));
            case "protocol":
                return Optional.of(new Protocol(integer(b, "minReaderVersion"), integer(b, "minWriterVersion")));
            case "metaData":
                return Optional.of(new Metadata(text(b, "id"), text(b, "schemaString"),
                        (List<String>) required(b, "partitionColumns"), strings(b.get("configuration")),
                        b.get("createdTime") == null ? 0 : number(b, "createdTime")));
            case "txn":
                return Optional.of(new TransactionId(text(b, "appId"), number(b, "version"),
                        b.get("lastUpdated") == null ? 0 : number(b, "lastUpdated")));
            case "add":
                return Optional.of(new AddFile(text(b, "path"), strings(required(b, "partitionValues")),
                        number(b, "size"), number(b, "modificationTime"), (Boolean) required(b, "dataChange"),
                        Optional.ofNullable((String) b.get("stats"))));
            case "remove":
                return Optional.of(new RemoveFile(text(b, "path"),
                        b.get("deletionTimestamp") == null ? 0 : number(b, "deletionTimestamp"),
                        (Boolean) required(b, "dataChange"), strings(b.get("partitionValues")),
                        b.get("size") == null ? 0 : number(b, "size")));
            default:
                return Optional.empty();
        }
    }

    private static Object required(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            throw new IllegalArgumentException("required field '" + field + "' is missing");
        }
        return value;
    }

    private static String text(Map<String, Object> body, String field) {
        return (String) required(body, field);
    }

    private static long number(Map<String, Object> body, String field) {
        return ((Number) required(body, field)).longValue();
    }

    private static int integer(Map<String, Object> body, String field) {
        return Math.toIntExact(number(body, field));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map != null) {
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, v == null ? null : v.toString()));
        }
        return out;
    }
}
