package io.duckpond.query.output;

import io.duckpond.query.session.QueryErrors;
import io.duckpond.query.session.QuerySession;
import io.duckpond.tlogfs.duck.DuckSession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Runs the user's one SELECT and writes its result. Machine formats are written by DuckDB's own writers to a scratch
 * file the locked session may write (then copied out); the table is rendered from a streaming result. Either way memory
 * does not grow with the result.
 */
public final class ResultWriter {

    /** Rows shown at each end of a long table. */
    static final int SHOWN_AT_EACH_END = 20;
    private static final int MAX_CELL = 40;

    private ResultWriter() {}

    /** The scratch file a session must be allowed to write for {@code format}. */
    public static Path scratchFile(Path directory) {
        return directory.resolve("result");
    }

    public static void write(QuerySession session, String sql, ResultFormat format, OutputStream out, Path scratch)
            throws IOException {
        session.requireSingleSelect(sql);
        String select = sql.strip().replaceAll(";+\\s*$", "");
        if (format == ResultFormat.TABLE) {
            table(session, select, out);
            return;
        }
        copy(session.duck(), select, format, scratch, out);
    }

    /** Writes the rows of {@code select} through DuckDB's own writer for {@code format}, then to {@code out}. */
    public static void copy(DuckSession duck, String select, ResultFormat format, Path scratch, OutputStream out)
            throws IOException {
        String options;
        switch (format) {
            case CSV:
                options = "FORMAT csv, HEADER true";
                break;
            case JSON:
                options = "FORMAT json, ARRAY true";
                break;
            case JSONL:
                options = "FORMAT json";
                break;
            default:
                options = "FORMAT parquet, COMPRESSION zstd";
        }
        try {
            // Newlines around the SQL, so a trailing comment cannot swallow the closing parenthesis.
            duck.execute("COPY (\n" + select + "\n) TO " + DuckSession.literal(scratch.toString()) + " (" + options + ")");
        } catch (SQLException e) {
            throw QueryErrors.duck("run the query", e);
        }
        Files.copy(scratch, out);
        out.flush();
        Files.deleteIfExists(scratch);
    }

    private static void table(QuerySession session, String select, OutputStream out) {
        try (Statement statement = session.connection().createStatement();
                ResultSet result = statement.executeQuery(select)) {
            ResultSetMetaData meta = result.getMetaData();
            int columns = meta.getColumnCount();
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int c = 1; c <= columns; c++) {
                names.add(meta.getColumnName(c));
                types.add(meta.getColumnTypeName(c).toLowerCase(java.util.Locale.ROOT));
            }
            List<String[]> head = new ArrayList<>();
            Deque<String[]> tail = new ArrayDeque<>();
            long rows = 0;
            while (result.next()) {
                String[] row = new String[columns];
                for (int c = 1; c <= columns; c++) {
                    row[c - 1] = cell(text(result.getObject(c)));
                }
                if (head.size() < SHOWN_AT_EACH_END) {
                    head.add(row);
                } else {
                    tail.addLast(row);
                    if (tail.size() > SHOWN_AT_EACH_END) {
                        tail.removeFirst();
                    }
                }
                rows++;
            }
            render(new PrintStream(out, false, StandardCharsets.UTF_8), names, types, head, new ArrayList<>(tail), rows);
        } catch (SQLException e) {
            throw QueryErrors.duck("run the query", e);
        }
    }

    /** A value as people read it: timestamps in ISO-8601 with seconds, NULL spelled out. */
    private static String text(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof java.time.OffsetDateTime t) {
            return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        if (value instanceof java.time.LocalDateTime t) {
            return java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
        }
        if (value instanceof byte[] bytes) {
            return "\\x" + java.util.HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    private static String cell(String value) {
        String oneLine = value.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() > MAX_CELL ? oneLine.substring(0, MAX_CELL - 1) + "…" : oneLine;
    }

    private static void render(PrintStream out, List<String> names, List<String> types, List<String[]> head,
            List<String[]> tail, long rows) {
        int n = names.size();
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            width[c] = Math.max(names.get(c).length(), types.get(c).length());
            for (String[] r : head) {
                width[c] = Math.max(width[c], r[c].length());
            }
            for (String[] r : tail) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        out.println(line('┌', '┬', '┐', width));
        out.println(cells(names.toArray(String[]::new), width));
        out.println(cells(types.toArray(String[]::new), width));
        out.println(line('├', '┼', '┤', width));
        head.forEach(r -> out.println(cells(r, width)));
        if (!tail.isEmpty()) {
            long hidden = rows - head.size() - tail.size();
            if (hidden > 0) {
                String[] dots = new String[n];
                java.util.Arrays.fill(dots, "·");
                for (int i = 0; i < 3; i++) {
                    out.println(cells(dots, width));
                }
            }
            tail.forEach(r -> out.println(cells(r, width)));
        }
        out.println(line('└', '┴', '┘', width));
        long shown = head.size() + tail.size();
        out.println(rows + (rows == 1 ? " row" : " rows") + (shown < rows ? " (" + shown + " shown)" : ""));
        out.flush();
    }

    private static String line(char left, char middle, char right, int[] width) {
        StringBuilder s = new StringBuilder().append(left);
        for (int c = 0; c < width.length; c++) {
            s.append("─".repeat(width[c] + 2)).append(c < width.length - 1 ? middle : right);
        }
        return s.toString();
    }

    private static String cells(String[] values, int[] width) {
        StringBuilder s = new StringBuilder("│");
        for (int c = 0; c < width.length; c++) {
            s.append(' ').append(values[c]).append(" ".repeat(width[c] - values[c].length())).append(" │");
        }
        return s.toString();
    }
}
