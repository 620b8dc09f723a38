package io.duckpond.query.input;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One table the query can name: a SQL relation over files, and exactly those files (the only ones the locked
 * session may read).
 *
 * @param versionsRead how many stored versions the relation reads (series versions outside the time window are not)
 * @param shownAs      for files that stand for pond paths (cache copies, stored contents), the pond path, so errors
 *                     name what the user named
 */
public record SqlInput(String name, String relation, List<Path> files, int versionsRead, Map<Path, String> shownAs) {
    public SqlInput {
        files = List.copyOf(files);
        shownAs = Map.copyOf(shownAs);
    }

    public SqlInput(String name, String relation, List<Path> files, int versionsRead) {
        this(name, relation, files, versionsRead, Map.of());
    }

    /** The view statement that makes the input a table named {@link #name}. */
    public String viewStatement() {
        return "CREATE VIEW \"" + name.replace("\"", "\"\"") + "\" AS SELECT * FROM " + relation;
    }
}
