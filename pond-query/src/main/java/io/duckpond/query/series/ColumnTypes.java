package io.duckpond.query.series;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tlogfs.duck.DuckSession;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that the versions of a series can be read as one table: a column may change type between versions only
 * within one family (integers and floats widen to a common number, timestamps and dates to a timestamp). DuckDB's own
 * union would quietly turn a number-and-text column into text; pond refuses and names the column instead.
 */
public final class ColumnTypes {
    private ColumnTypes() {}

    private record Row(String file, String name, int children, String type) {}

    /**
     * The same check from the schemas recorded with each version ({@code duckpond.schema}); no file is opened.
     *
     * @param schemas column name to DuckDB type, per version, labelled (e.g. "v3")
     */
    public static void requireCompatible(String shownAs, Map<String, Map<String, String>> schemas) {
        Map<String, Map<String, String>> typesByColumn = new LinkedHashMap<>();
        schemas.forEach((label, columns) -> columns.forEach((name, type) -> typesByColumn
                .computeIfAbsent(name, k -> new LinkedHashMap<>()).putIfAbsent(family(type), type + " in " + label)));
        refuseDisagreement(shownAs, typesByColumn);
    }

    /** Throws naming the first column whose types across {@code files} have no common type. */
    public static void requireCompatible(DuckSession duck, String shownAs, List<Path> files) throws SQLException {
        if (files.size() < 2) {
            return;
        }
        List<Row> rows = duck.query("SELECT file_name, name, num_children, duckdb_type FROM parquet_schema("
                + DuckSession.pathList(files) + ") ORDER BY file_name, column_id",
                r -> new Row(r.getString(1), r.getString(2), r.getInt(3), r.getString(4)));
        Map<String, Map<String, String>> typesByColumn = new LinkedHashMap<>();
        int i = 0;
        while (i < rows.size()) {
            Row root = rows.get(i++);
            for (int c = 0; c < root.children(); c++) {
                Row column = rows.get(i);
                i = skipSubtree(rows, i);
                typesByColumn.computeIfAbsent(column.name(), k -> new LinkedHashMap<>())
                        .putIfAbsent(family(column.type()), column.type() + " in " + Path.of(column.file()).getFileName());
            }
        }
        refuseDisagreement(shownAs, typesByColumn);
    }

    private static void refuseDisagreement(String shownAs, Map<String, Map<String, String>> typesByColumn) {
        for (Map.Entry<String, Map<String, String>> e : typesByColumn.entrySet()) {
            if (e.getValue().size() > 1) {
                throw Errors.of(Problem.Kind.INVALID_INPUT, "Versions do not agree", shownAs + ": column '"
                        + e.getKey() + "' is " + String.join(" but ", new ArrayList<>(e.getValue().values())),
                        "write the column with one type in every version");
            }
        }
    }

    private static int skipSubtree(List<Row> rows, int index) {
        int children = rows.get(index).children();
        int next = index + 1;
        for (int c = 0; c < children; c++) {
            next = skipSubtree(rows, next);
        }
        return next;
    }

    /** Types in one family have a common type DuckDB widens to. */
    static String family(String type) {
        String t = type.toUpperCase(java.util.Locale.ROOT);
        if (t.matches("(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|REAL|DECIMAL.*)")) {
            return "number";
        }
        if (t.startsWith("TIMESTAMP") || t.equals("DATE")) {
            return "time";
        }
        return t;
    }
}
