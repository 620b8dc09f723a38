package io.duckpond.query.input;

import io.duckpond.tlogfs.io.Json;
import io.duckpond.tlogfs.oplog.OplogSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/** A version's columns as recorded in its {@code duckpond.schema} attribute (JSON: name to DuckDB type, in order). */
public final class TableColumns {
    private TableColumns() {}

    public static String write(Map<String, String> columns) {
        return Json.write(columns);
    }

    public static Map<String, String> parse(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        Json.parseObject(json).forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** The attributes to record with a table or series version of these columns. */
    public static Map<String, String> attributes(Map<String, String> columns) {
        return Map.of(OplogSchema.SCHEMA_ATTRIBUTE, write(columns));
    }
}
