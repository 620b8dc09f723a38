package io.duckpond.tlogfs.delta;

import io.duckpond.tlogfs.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The columns of a Delta table and which of them partition it (partition columns are not stored in data files). */
public record TableSchema(List<Column> columns, List<String> partitionColumns) {

    public TableSchema {
        columns = List.copyOf(columns);
        partitionColumns = List.copyOf(partitionColumns);
    }

    /** The columns stored inside data files, in order. */
    public List<Column> dataColumns() {
        return columns.stream().filter(c -> !partitionColumns.contains(c.name())).toList();
    }

    /** {@code metaData.schemaString}: the struct type as JSON text. */
    public String schemaString() {
        List<Object> fields = new ArrayList<>();
        for (Column c : columns) {
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", c.name());
            field.put("type", c.type().schemaJson());
            field.put("nullable", c.isNullable());
            field.put("metadata", Map.of());
            fields.add(field);
        }
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("type", "struct");
        struct.put("fields", fields);
        return Json.write(struct);
    }

    /** Column definitions for a DuckDB {@code CREATE TABLE} holding the data columns. */
    public String duckColumns() {
        return dataColumns().stream()
                .map(c -> "\"" + c.name() + "\" " + c.type().duckType())
                .collect(Collectors.joining(", "));
    }

    /** The data column names, quoted, for a SELECT list. */
    public String dataColumnList() {
        return dataColumns().stream().map(c -> "\"" + c.name() + "\"").collect(Collectors.joining(", "));
    }
}
