package io.duckpond.query.format;

import io.duckpond.query.session.DuckMessages;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CSV, JSON or Parquet in, a Parquet file out, all rows or none. Column types are inferred by DuckDB from a sample;
 * a column whose later values do not fit its inferred type falls back to text rather than losing rows or digits.
 * Timestamps without a zone are taken as UTC (or {@code timezone}) and stored as instants (TIMESTAMPTZ).
 */
public final class Conversion {

    private static final Pattern FAILED_COLUMN = Pattern.compile("Error when converting column \"(.+?)\"");
    private static final String NOT_INTEGER = "pond-not-an-integer:";
    private static final Pattern NOT_INTEGER_COLUMN = Pattern.compile(Pattern.quote(NOT_INTEGER) + "(.+?)(?:'|$)",
            Pattern.MULTILINE);

    private final DuckSession duck;

    public Conversion(DuckSession duck) {
        this.duck = duck;
    }

    /** What a conversion produced. */
    public record Converted(long rows, Map<String, String> columns) {}

    /** How a CSV file is read, tightened step by step as problems show. */
    private static final class Dialect {
        Optional<Character> delimiter;
        /** Column names from the header, when the sniffer could not be trusted with the layout. */
        List<String> strictColumns = List.of();
        /** Columns read as text: their values did not all fit the sampled type. */
        final Set<String> text = new LinkedHashSet<>();

        Dialect(Optional<Character> delimiter) {
            this.delimiter = delimiter;
        }

        /**
         * Reader options: strict CSV columns, or the columns to read as text (CSV: a types override; JSON: the whole
         * column list, as read_json takes no partial override).
         */
        String options(SourceFormat format, Map<String, String> sampled, Set<String> alsoText) {
            if (!strictColumns.isEmpty()) {
                return ", auto_detect = false, columns = {" + strictColumns.stream()
                        .map(c -> DuckSession.literal(c) + ": 'VARCHAR'").collect(Collectors.joining(", ")) + "}";
            }
            Set<String> all = new LinkedHashSet<>(text);
            all.addAll(alsoText);
            if (all.isEmpty()) {
                return "";
            }
            if (format == SourceFormat.CSV) {
                return ", types = {" + all.stream().map(c -> DuckSession.literal(c) + ": 'VARCHAR'")
                        .collect(Collectors.joining(", ")) + "}";
            }
            return ", columns = {" + sampled.entrySet().stream()
                    .map(c -> DuckSession.literal(c.getKey()) + ": " + DuckSession.literal(all.contains(c.getKey())
                            ? "VARCHAR" : c.getValue()))
                    .collect(Collectors.joining(", ")) + "}";
        }
    }

    /**
     * Converts {@code file} to Parquet at {@code target}.
     *
     * @param shownAs how to name the file in errors
     */
    public Converted toParquet(Path file, String shownAs, SourceFormat format, SourceFormat.Compression compression,
            Optional<Character> delimiter, ZoneId timezone, Path target) {
        Dialect dialect = new Dialect(delimiter);
        boolean textual = format != SourceFormat.PARQUET;
        while (true) {
            try {
                Map<String, String> sampled = describe(format.relation(file, compression, dialect.delimiter,
                        format == SourceFormat.CSV ? dialect.options(format, Map.of(), Set.of()) : ""));
                if (format == SourceFormat.CSV && dialect.delimiter.isEmpty() && looksUnsplit(sampled)) {
                    // The sniffer found no consistent layout. Read strictly with the header's delimiter and names,
                    // so the real error (which line, how many fields) surfaces instead of one column of whole lines.
                    String header = sampled.keySet().iterator().next();
                    char d = headerDelimiter(header);
                    dialect.delimiter = Optional.of(d);
                    dialect.strictColumns = List.of(header.split(Pattern.quote(String.valueOf(d)), -1));
                    continue;
                }
                // Read as text and converted here, strictly: integers (DuckDB's readers would round "12.5" into an
                // integer column) and, outside UTC, timestamps that may mix values with and without an offset.
                Set<String> integers = textual ? columnsOfType(sampled, dialect, "U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?")
                        : Set.of();
                Set<String> zoned = textual && !zoneName(timezone).equals("UTC")
                        ? columnsOfType(sampled, dialect, "TIMESTAMP WITH TIME ZONE") : Set.of();
                Set<String> asText = new LinkedHashSet<>(integers);
                asText.addAll(zoned);
                String relation = format.relation(file, compression, dialect.delimiter,
                        textual ? dialect.options(format, sampled, asText) : "");
                String select = "SELECT " + projection(sampled, integers, zoned, timezone) + " FROM " + relation;
                List<Long> rows = duck.query("COPY (" + select + ") TO " + DuckSession.literal(target.toString())
                        + " (FORMAT parquet, COMPRESSION zstd, RETURN_STATS)",
                        r -> ((Number) r.getObject("count")).longValue());
                Map<String, String> columns = new LinkedHashMap<>();
                sampled.forEach((name, type) -> columns.put(name, dialect.text.contains(name) ? "VARCHAR" : type));
                return new Converted(rows.isEmpty() ? 0 : rows.get(0), columns);
            } catch (SQLException e) {
                Optional<String> column = fallbackColumn(String.valueOf(e.getMessage()));
                if (textual && dialect.strictColumns.isEmpty() && column.isPresent() && dialect.text.add(column.get())) {
                    continue;
                }
                throw malformed(shownAs, format, e);
            }
        }
    }

    private static Optional<String> fallbackColumn(String message) {
        Matcher failed = FAILED_COLUMN.matcher(message);
        if (failed.find()) {
            return Optional.of(failed.group(1));
        }
        Matcher notInteger = NOT_INTEGER_COLUMN.matcher(message);
        return notInteger.find() ? Optional.of(notInteger.group(1)) : Optional.empty();
    }

    private static Set<String> columnsOfType(Map<String, String> sampled, Dialect dialect, String typePattern) {
        Set<String> out = new LinkedHashSet<>();
        sampled.forEach((name, type) -> {
            if (!dialect.text.contains(name) && type.toUpperCase(Locale.ROOT).matches(typePattern)) {
                out.add(name);
            }
        });
        return out;
    }

    /** The columns and DuckDB types of a relation. */
    public Map<String, String> describe(String relation) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        duck.query("DESCRIBE SELECT * FROM " + relation, r -> columns.put(r.getString(1), r.getString(2)));
        return columns;
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

    /** Every column as read: strict integers, zone-less timestamps in the zone, all timestamps as instants. */
    private static String projection(Map<String, String> columns, Set<String> integers, Set<String> zoned,
            ZoneId timezone) {
        String zone = DuckSession.literal(zoneName(timezone));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> c : columns.entrySet()) {
            String quoted = "\"" + c.getKey().replace("\"", "\"\"") + "\"";
            String type = c.getValue();
            if (integers.contains(c.getKey())) {
                out.add("CASE WHEN " + quoted + " IS NULL THEN NULL WHEN regexp_full_match(" + quoted
                        + ", '\\s*[-+]?[0-9]{1,18}\\s*') THEN CAST(trim(" + quoted + ") AS " + type + ") ELSE error("
                        + DuckSession.literal(NOT_INTEGER + c.getKey()) + ") END AS " + quoted);
            } else if (zoned.contains(c.getKey())) {
                out.add("CASE WHEN " + quoted + " IS NULL THEN NULL WHEN regexp_matches(trim(" + quoted
                        + "), '(Z|[+-][0-9]{2}(:?[0-9]{2})?)$') THEN CAST(trim(" + quoted + ") AS TIMESTAMPTZ) "
                        + "ELSE timezone(" + zone + ", CAST(trim(" + quoted + ") AS TIMESTAMP)) END AS " + quoted);
            } else if (type.equals("TIMESTAMP") || type.startsWith("TIMESTAMP_")) {
                out.add("timezone(" + zone + ", " + quoted + "::TIMESTAMP) AS " + quoted);
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
        if (message.contains("No files found")) {
            return Errors.of(Problem.Kind.NOT_FOUND, "No such file", shownAs, "check the path");
        }
        String where = shownAs + DuckMessages.line(message).map(l -> " line " + l).orElse("");
        String reason = DuckMessages.reason(message);
        return Errors.of(Problem.Kind.INVALID_INPUT, "Malformed " + format.label().toUpperCase(Locale.ROOT),
                where + ": " + reason, null, e);
    }
}
