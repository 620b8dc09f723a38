package io.duckpond.query.input;

import java.nio.file.Path;
import java.util.List;

/**
 * One table the query can name: a SQL relation over files, and exactly those files (the only ones the locked
 * session may read).
 *
 * @param versionsRead how many stored versions the relation reads (series versions outside the time window are not)
 */
public record SqlInput(String name, String relation, List<Path> files, int versionsRead) {
    public SqlInput {
        files = List.copyOf(files);
    }

    /** The view statement that makes the input a table named {@link #name}. */
    public String viewStatement() {
        return "CREATE VIEW \"" + name.replace("\"", "\"\"") + "\" AS SELECT * FROM " + relation;
    }
}
