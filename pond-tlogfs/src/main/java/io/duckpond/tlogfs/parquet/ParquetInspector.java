package io.duckpond.tlogfs.parquet;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.node.EventTimeRange;
import io.duckpond.tlogfs.duck.DuckSession;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Facts about a Parquet file that pond records when storing it: that it is Parquet, and its event-time range. */
public final class ParquetInspector {

    /** Column names taken for the event time when none is given, in order of preference. */
    public static final List<String> TIMESTAMP_NAMES = List.of("timestamp", "Timestamp", "event_time", "time", "ts",
            "datetime");

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final DuckSession duck;

    public ParquetInspector(DuckSession duck) {
        this.duck = duck;
    }

    /** Whether the file starts and ends with the Parquet magic bytes {@code PAR1}. */
    public static boolean isParquet(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < 12) {
                return false;
            }
            byte[] head = new byte[4];
            byte[] tail = new byte[4];
            in.readFully(head);
            in.seek(in.length() - 4);
            in.readFully(tail);
            return java.util.Arrays.equals(head, MAGIC) && java.util.Arrays.equals(tail, MAGIC);
        }
    }

    /** Throws unless {@code file} is Parquet, naming the magic bytes that are missing. */
    public static void requireParquet(Path file, String shownAs) throws IOException {
        if (!isParquet(file)) {
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Not a Parquet file", shownAs
                    + " does not start and end with the Parquet magic bytes 'PAR1'",
                    "for CSV or JSON name the format, e.g. host+csv:///path, or copy it as plain data with --format data");
        }
    }

    /** The column names and DuckDB types of a Parquet file, in order. */
    public Map<String, String> columns(Path file) {
        try {
            Map<String, String> columns = new LinkedHashMap<>();
            duck.query("DESCRIBE SELECT * FROM read_parquet(" + DuckSession.literal(file.toString()) + ")", r -> {
                columns.put(r.getString("column_name"), r.getString("column_type"));
                return null;
            });
            return columns;
        } catch (SQLException e) {
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Cannot read Parquet", file + ": " + Errors.firstLine(e.getMessage()),
                    null, e);
        }
    }

    /** The event-time column: the one given (which must exist), else the first conventional name present. */
    public String timestampColumn(Path file, String shownAs, Optional<String> given) {
        Map<String, String> columns = columns(file);
        if (given.isPresent()) {
            if (!columns.containsKey(given.get())) {
                throw Errors.of(Problem.Kind.INVALID_INPUT, "No such column", "'" + given.get() + "' in " + shownAs
                        + " (columns: " + String.join(", ", columns.keySet()) + ")", "name one of its columns");
            }
            return given.get();
        }
        for (String name : TIMESTAMP_NAMES) {
            if (columns.containsKey(name)) {
                return name;
            }
        }
        for (String column : columns.keySet()) {
            if (TIMESTAMP_NAMES.contains(column.toLowerCase(Locale.ROOT))) {
                return column;
            }
        }
        throw Errors.of(Problem.Kind.INVALID_INPUT, "No timestamp column", shownAs + " has none of "
                + TIMESTAMP_NAMES + " (columns: " + String.join(", ", columns.keySet()) + ")",
                "name it with --timestamp-column COLUMN");
    }

    /**
     * The smallest and largest value of a timestamp or date column in microseconds (naive timestamps count as UTC);
     * empty for a file without rows.
     */
    public Optional<EventTimeRange> eventTimeRange(Path file, String shownAs, String column) {
        String type = columns(file).get(column);
        if (type == null || !(type.startsWith("TIMESTAMP") || type.equals("DATE"))) {
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Not a timestamp column", "'" + column + "' in " + shownAs
                    + " is " + type, "store event times as a Parquet TIMESTAMP or DATE column");
        }
        String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
        try {
            List<long[]> range = duck.query("SELECT epoch_us(min(" + quoted + ")::TIMESTAMP), epoch_us(max(" + quoted
                    + ")::TIMESTAMP), count(" + quoted + ") FROM read_parquet(" + DuckSession.literal(file.toString())
                    + ")", r -> new long[] {r.getLong(1), r.getLong(2), r.getLong(3)});
            long[] row = range.get(0);
            return row[2] == 0 ? Optional.empty() : Optional.of(new EventTimeRange(row[0], row[1]));
        } catch (SQLException e) {
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Cannot read Parquet", shownAs + ": "
                    + Errors.firstLine(e.getMessage()), null, e);
        }
    }
}
