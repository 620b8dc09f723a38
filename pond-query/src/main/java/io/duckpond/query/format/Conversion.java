package io.duckpond.query.format;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.PondException;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tlogfs.duck.DuckSession;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CSV, JSON or Parquet in, a Parquet file out, all rows or none. Column types are inferred by DuckDB from a sample;
 * a column whose later values do not fit its inferred type falls back to text rather than losing rows. Timestamps
 * without a zone are taken as UTC (or {@code timezone}) and stored as instants (TIMESTAMPTZ).
 */
public final class Conversion {

    private static final Pattern FAILED_COLUMN = Pattern.compile("Error when converting column \"(.+?)\"");
    private static final Pattern LINE = Pattern.compile("(?:CSV Error on Line|line):? (\\d+)", Pattern.CASE_INSENSITIVE);

    private final DuckSession duck;

    public Conversion(DuckSession duck) {
        this.duck = duck;
    }

    /** What a conversion produced. */
    public record Converted(long rows, Map<String, String> columns) {}

    /**
     * Converts {@code file} to Parquet at {@code target}.
     *
     * @param shownAs how to name the file in errors
     */
    public Converted toParquet(Path file, String shownAs, SourceFormat format, SourceFormat.Compression compression,
            Optional<Character> delimiter, ZoneId timezone, Path target) {
        Set<String> asText = new LinkedHashSet<>();
        Optional<Character> delim = delimiter;
        while (true) {
            String relation = relationWithText(format.relation(file, compression, delim), asText);
            try {
                Map<String, String> columns = describe(relation);
                if (format == SourceFormat.CSV && delim.isEmpty() && looksUnsplit(columns)) {
                    // The sniffer found no consistent delimiter; read strictly with the header's so the real
                    // error (which line, how many columns) surfaces instead of one column of whole lines.
                    delim = Optional.of(headerDelimiter(columns.keySet().iterator().next()));
                    continue;
                }
                String select = "SELECT " + projection(columns, timezone) + " FROM " + relation;
                List<Long> rows = duck.query("COPY (" + select + ") TO " + DuckSession.literal(target.toString())
                        + " (FORMAT parquet, COMPRESSION zstd, RETURN_STATS)",
                        r -> ((Number) r.getObject("count")).longValue());
                return new Converted(rows.isEmpty() ? 0 : rows.get(0), columns);
            } catch (SQLException e) {
                Matcher column = FAILED_COLUMN.matcher(String.valueOf(e.getMessage()));
                if (format == SourceFormat.CSV && column.find() && asText.add(column.group(1))) {
                    continue;
                }
                throw malformed(shownAs, format, e);
            }
        }
    }

    /** The columns and DuckDB types of a relation. */
    public Map<String, String> describe(String relation) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        duck.query("DESCRIBE SELECT * FROM " + relation, r -> columns.put(r.getString(1), r.getString(2)));
        return columns;
    }

    private static String relationWithText(String relation, Set<String> asText) {
        if (asText.isEmpty()) {
            return relation;
        }
        String types = asText.stream().map(c -> DuckSession.literal(c) + ": 'VARCHAR'")
                .collect(Collectors.joining(", ", "types = {", "}"));
        return relation.substring(0, relation.length() - 1) + ", " + types + ")";
    }

    private static boolean looksUnsplit(Map<String, String> columns) {
        if (columns.size() != 1) {
            return false;
        }
        String name = columns.keySet().iterator().next();
        return name.indexOf(',') >= 0 || name.indexOf(';') >= 0 || name.indexOf('\t') >= 0 || name.indexOf('|') >= 0;
    }

    private static char headerDelimiter(String header) {
        for (char c : new char[] {',', ';', '\t', '|'}) {
            if (header.indexOf(c) >= 0) {
                return c;
            }
        }
        return ',';
    }

    /** Every column as read, with zone-less timestamps turned into instants. */
    private static String projection(Map<String, String> columns, ZoneId timezone) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> c : columns.entrySet()) {
            String quoted = "\"" + c.getKey().replace("\"", "\"\"") + "\"";
            if (c.getValue().equals("TIMESTAMP") || c.getValue().startsWith("TIMESTAMP_")) {
                out.add("timezone(" + DuckSession.literal(zoneName(timezone)) + ", " + quoted + "::TIMESTAMP) AS " + quoted);
            } else {
                out.add(quoted);
            }
        }
        return String.join(", ", out);
    }

    /** The zone as ICU (DuckDB's time zone library) names it: regions as they are, fixed offsets as GMT+hh:mm. */
    static String zoneName(ZoneId zone) {
        ZoneId normalized = zone.normalized();
        if (normalized instanceof java.time.ZoneOffset offset) {
            return offset.getTotalSeconds() == 0 ? "UTC" : "GMT" + offset.getId();
        }
        return normalized.getId();
    }

    /** DuckDB's reason, with the file and the line first. */
    private static PondException malformed(String shownAs, SourceFormat format, SQLException e) {
        String message = String.valueOf(e.getMessage());
        Matcher line = LINE.matcher(message);
        String where = shownAs + (line.find() ? " line " + line.group(1) : "");
        String reason = message.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("Original Line") && !l.startsWith("LINE ")
                        && !l.contains("CSV Error on Line"))
                .findFirst().orElse(message).trim();
        if (message.contains("No files found")) {
            return Errors.of(Problem.Kind.NOT_FOUND, "No such file", shownAs, "check the path");
        }
        return Errors.of(Problem.Kind.INVALID_INPUT, "Malformed " + format.label().toUpperCase(java.util.Locale.ROOT),
                where + ": " + reason, null, e);
    }
}
