package io.duckpond.tlogfs.delta;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Delta column types pond writes, with the DuckDB type that produces the matching Parquet type. */
public enum DeltaType {
    STRING("string", "VARCHAR"),
    LONG("long", "BIGINT"),
    /** Microseconds, adjusted to UTC: DuckDB {@code TIMESTAMPTZ} (a naive {@code TIMESTAMP} is refused by Delta readers). */
    TIMESTAMP("timestamp", "TIMESTAMPTZ"),
    BINARY("binary", "BLOB"),
    STRING_ARRAY("array<string>", "VARCHAR[]");

    private final String label;
    private final String duckType;

    DeltaType(String label, String duckType) {
        this.label = label;
        this.duckType = duckType;
    }

    public String label() {
        return label;
    }

    public String duckType() {
        return duckType;
    }

    /** The type as Delta's {@code schemaString} spells it: a name, or an object for arrays. */
    Object schemaJson() {
        if (this == STRING_ARRAY) {
            Map<String, Object> array = new LinkedHashMap<>();
            array.put("type", "array");
            array.put("elementType", "string");
            array.put("containsNull", true);
            return array;
        }
        return label;
    }
}
