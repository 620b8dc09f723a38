package io.duckpond.query.input;

import io.duckpond.query.format.SourceFormat;
import io.duckpond.query.series.ColumnTypes;
import io.duckpond.query.session.QueryErrors;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.oplog.OplogSchema;
import io.duckpond.tlogfs.parquet.ParquetInspector;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pond files as SQL relations: a table is its latest version; a series is the union by column name of the versions
 * whose event-time range meets the window (the others are never opened), filtered to the window; a data file read
 * through a format is that format's reader over its latest version.
 */
public final class PondRelations {

    /** How a data file's bytes are read, when a format URL names it. */
    public record Reading(SourceFormat format, SourceFormat.Compression compression) {}

    private final PondFiles files;
    private final DuckSession duck;

    public PondRelations(PondFiles files, DuckSession duck) {
        this.files = files;
        this.duck = duck;
    }

    /** One input over one or more nodes (several when a glob matched several). */
    public SqlInput input(String name, List<Node> nodes, TimeWindow window, Optional<Reading> reading) {
        List<String> relations = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        Map<Path, String> shownAs = new LinkedHashMap<>();
        int versions = 0;
        for (Node node : nodes) {
            Part part = part(node, window, reading);
            relations.add(part.relation());
            paths.addAll(part.files());
            part.files().forEach(f -> shownAs.put(f, node.path().toString()));
            versions += part.files().size();
        }
        if (relations.isEmpty()) {
            throw Errors.of(Problem.Kind.NOT_FOUND, "Nothing to query", "no file matched for input " + name, null);
        }
        String relation = relations.size() == 1 ? relations.get(0) : "(" + String.join(" UNION ALL BY NAME ",
                relations.stream().map(r -> "SELECT * FROM " + r).toList()) + ")";
        return new SqlInput(name, relation, paths, versions, shownAs);
    }

    private record Part(String relation, List<Path> files) {}

    private Part part(Node node, TimeWindow window, Optional<Reading> reading) {
        String shown = node.path().toString();
        if (node.isDirectory()) {
            throw Errors.isADirectory(shown);
        }
        if (reading.isPresent()) {
            Path file = files.localPath(files.view().latest(node));
            String relation = reading.get().format().relation(file, reading.get().compression(), Optional.empty());
            return new Part(filtered(relation, shown, window, Optional.empty()), List.of(file));
        }
        if (node.type() == EntryType.FILE_TABLE) {
            FileVersion latest = files.view().latest(node);
            Path file = files.localPath(latest);
            return new Part(filtered("read_parquet(" + DuckSession.literal(file.toString()) + ")", shown, window,
                    Optional.ofNullable(latest.attributes().get(OplogSchema.TIMESTAMP_COLUMN_ATTRIBUTE))), List.of(file));
        }
        if (node.type() == EntryType.FILE_SERIES) {
            return series(node, shown, window);
        }
        throw Errors.of(Problem.Kind.INVALID_INPUT, "Not a table", shown + " is " + node.type().label(),
                "query a table or series, or read data through a format: csv://" + shown);
    }

    private Part series(Node node, String shown, TimeWindow window) {
        List<FileVersion> versions = files.view().versions(node);
        if (versions.isEmpty()) {
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Empty series", shown + " has no versions", null);
        }
        FileVersion latest = versions.get(versions.size() - 1);
        Optional<String> column = Optional.ofNullable(latest.attributes().get(OplogSchema.TIMESTAMP_COLUMN_ATTRIBUTE));
        List<Path> selected = new ArrayList<>();
        Map<String, Map<String, String>> schemas = new LinkedHashMap<>();
        for (FileVersion v : versions) {
            // Without a window every version is read. With one, a version outside it cannot match, nor can one
            // without an event range (no rows, or no timestamp that is not NULL).
            if (window.isAll() || (v.eventTime().isPresent() && window.overlaps(v.eventTime().get()))) {
                selected.add(files.localPath(v));
                Optional.ofNullable(v.attributes().get(OplogSchema.SCHEMA_ATTRIBUTE))
                        .ifPresent(json -> schemas.put("v" + v.version(), TableColumns.parse(json)));
            }
        }
        if (selected.isEmpty()) {
            // Nothing can match; the latest version still gives the columns, with no rows.
            Path schema = files.localPath(latest);
            return new Part("(SELECT * FROM read_parquet(" + DuckSession.literal(schema.toString()) + ") WHERE false)",
                    List.of(schema));
        }
        try {
            if (schemas.size() == selected.size()) {
                ColumnTypes.requireCompatible(shown, schemas);
            } else {
                ColumnTypes.requireCompatible(duck, shown, selected);
            }
        } catch (SQLException e) {
            throw QueryErrors.duck("read the versions of " + shown, e);
        }
        String relation = "read_parquet(" + DuckSession.pathList(selected) + ", union_by_name = true)";
        return new Part(filtered(relation, shown, window, column), selected);
    }

    /** The relation limited to the window on its timestamp column (recorded, or found by name). */
    private String filtered(String relation, String shown, TimeWindow window, Optional<String> recorded) {
        if (window.isAll()) {
            return relation;
        }
        String column = recorded.orElseGet(() -> timestampColumn(relation, shown));
        String quoted = "\"" + column.replace("\"", "\"\"") + "\"";
        List<String> conditions = new ArrayList<>();
        window.startMicros().ifPresent(s -> conditions.add(quoted + " >= make_timestamp(" + s + "::BIGINT)"));
        window.endMicros().ifPresent(e -> conditions.add(quoted + " <= make_timestamp(" + e + "::BIGINT)"));
        return "(SELECT * FROM " + relation + " WHERE " + String.join(" AND ", conditions) + ")";
    }

    private String timestampColumn(String relation, String shown) {
        try {
            List<String> names = duck.query("DESCRIBE SELECT * FROM " + relation, r -> r.getString(1));
            for (String candidate : ParquetInspector.TIMESTAMP_NAMES) {
                if (names.contains(candidate)) {
                    return candidate;
                }
            }
            throw Errors.of(Problem.Kind.INVALID_INPUT, "No timestamp column", shown + " has none of "
                    + ParquetInspector.TIMESTAMP_NAMES + " to apply --time-start/--time-end to (columns: "
                    + String.join(", ", names) + ")", "filter in SQL instead");
        } catch (SQLException e) {
            throw QueryErrors.duck("read " + shown, e);
        }
    }
}
