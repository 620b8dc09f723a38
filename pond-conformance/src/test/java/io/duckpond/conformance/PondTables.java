package io.duckpond.conformance;

import io.duckpond.tlogfs.delta.Action.AddFile;
import io.duckpond.tlogfs.delta.Column;
import io.duckpond.tlogfs.delta.DeltaLog;
import io.duckpond.tlogfs.delta.DeltaType;
import io.duckpond.tlogfs.delta.TableSchema;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Pond's own reader, the other side of each comparison: the live file list from pond's {@link DeltaLog} replay, the
 * rows of those files read by DuckDB {@code read_parquet}, partition values taken from the {@code add} actions. Values
 * come back in the same Java shapes as {@link KernelTables} gives them.
 */
final class PondTables {
    private PondTables() {}

    static Collection<AddFile> files(DuckSession duck, Path table, long version) {
        try {
            return new DeltaLog(table, duck).snapshotAt(version).files();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of the table at {@code version}, by file (path relative to the table root, decoded). */
    static Map<String, List<Map<String, Object>>> rowsByFile(DuckSession duck, Path table, TableSchema schema,
            long version) {
        Map<String, List<Map<String, Object>>> out = new TreeMap<>();
        for (AddFile add : files(duck, table, version)) {
            out.put(add.relativePath(), rows(duck, table.resolve(add.relativePath()), schema, add.partitionValues()));
        }
        return out;
    }

    static List<Map<String, Object>> rows(DuckSession duck, Path table, TableSchema schema, long version) {
        return rowsByFile(duck, table, schema, version).values().stream().flatMap(List::stream).toList();
    }

    private static List<Map<String, Object>> rows(DuckSession duck, Path file, TableSchema schema,
            Map<String, String> partitionValues) {
        String select = schema.dataColumns().stream()
                .map(c -> c.type() == DeltaType.TIMESTAMP ? "epoch_us(\"" + c.name() + "\")" : "\"" + c.name() + "\"")
                .collect(Collectors.joining(", "));
        try {
            return duck.query("SELECT " + select + " FROM read_parquet(" + DuckSession.literal(file.toString()) + ")",
                    r -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (Column c : schema.columns()) {
                            if (schema.partitionColumns().contains(c.name())) {
                                row.put(c.name(), partitionValues.get(c.name()));
                                continue;
                            }
                            int i = schema.dataColumns().indexOf(c) + 1;
                            row.put(c.name(), r.getObject(i) == null ? null : switch (c.type()) {
                                case STRING -> r.getString(i);
                                case LONG, TIMESTAMP -> r.getLong(i);
                                case BINARY -> new Blob(r.getBytes(i));
                                case STRING_ARRAY -> strings(r.getArray(i));
                            });
                        }
                        return row;
                    });
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB cannot read " + file, e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return new ArrayList<>(Arrays.stream((Object[]) array.getArray()).map(o -> o == null ? null : o.toString())
                .toList());
    }

    /** An {@code add}'s statistic: {@code minValues}/{@code maxValues}/{@code nullCount} of one column, or null. */
    static Object stat(AddFile add, String kind, String column) {
        Map<String, Object> stats = Json.parseObject(add.stats().orElseThrow(
                () -> new AssertionError("no stats in add " + add.path())));
        Object values = stats.get(kind);
        return values instanceof Map<?, ?> m ? m.get(column) : null;
    }
}
