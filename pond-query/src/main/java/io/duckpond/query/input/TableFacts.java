package io.duckpond.query.input;

import io.duckpond.query.session.QueryErrors;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tlogfs.duck.DuckSession;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code describe} says of a table or series: its columns (all versions unioned) and each version's rows. */
public final class TableFacts {

    /** Column names and DuckDB types, and the row count of each version by version number. */
    public record Facts(Map<String, String> columns, Map<Long, Long> rowsByVersion) {}

    private TableFacts() {}

    public static Facts of(PondFiles files, DuckSession duck, List<FileVersion> versions) {
        Map<Path, Long> byFile = new LinkedHashMap<>();
        for (FileVersion v : versions) {
            byFile.put(files.localPath(v), v.version());
        }
        List<Path> paths = new ArrayList<>(byFile.keySet());
        try {
            Map<String, String> columns = new LinkedHashMap<>();
            duck.query("DESCRIBE SELECT * FROM read_parquet(" + DuckSession.pathList(paths) + ", union_by_name = true)",
                    r -> columns.put(r.getString(1), r.getString(2)));
            Map<Long, Long> rows = new HashMap<>();
            duck.query("SELECT file_name, num_rows FROM parquet_file_metadata(" + DuckSession.pathList(paths) + ")",
                    r -> rows.put(byFile.get(Path.of(r.getString(1))), r.getLong(2)));
            return new Facts(columns, rows);
        } catch (SQLException e) {
            throw QueryErrors.duck("read the Parquet metadata", e);
        }
    }
}
