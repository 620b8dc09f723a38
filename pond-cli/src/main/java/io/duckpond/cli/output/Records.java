package io.duckpond.cli.output;

import io.duckpond.tlogfs.io.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints rows (ordered maps of column to value) as an aligned text table, one JSON array, or one JSON object per line.
 * Every listing command goes through here, so the three forms always agree.
 */
public final class Records {
    private Records() {}

    public static void print(PrintStream out, Format format, List<Map<String, Object>> rows, List<String> tableColumns) {
        switch (format) {
            case JSON:
                out.println(Json.write(rows));
                break;
            case JSONL:
                for (Map<String, Object> row : rows) {
                    out.println(Json.write(row));
                }
                break;
            default:
                printTable(out, rows, tableColumns);
        }
    }

    /** Columns padded to their widest value; the last column is not padded. No header: output stays grep-friendly. */
    private static void printTable(PrintStream out, List<Map<String, Object>> rows, List<String> columns) {
        int[] widths = new int[columns.size()];
        List<String[]> cells = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String[] line = new String[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                Object value = row.get(columns.get(i));
                line[i] = value == null ? "-" : value.toString();
                widths[i] = Math.max(widths[i], line[i].length());
            }
            cells.add(line);
        }
        StringBuilder text = new StringBuilder();
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                text.append(line[i]);
                if (i < line.length - 1) {
                    text.append(" ".repeat(widths[i] - line[i].length() + 2));
                }
            }
            text.append('\n');
        }
        out.print(text);
    }
}
