package io.duckpond.query.session;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.PondException;
import io.duckpond.tinyfs.error.Problem;
import java.sql.SQLException;

/** DuckDB's own message kept, first line only, with what pond was doing and a hint where one helps. */
public final class QueryErrors {
    private QueryErrors() {}

    public static PondException duck(String doing, SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().trim();
        String first = message.lines().findFirst().orElse(message);
        String fix = null;
        if (message.contains("Permission Error") || message.contains("disabled by configuration")) {
            return Errors.of(Problem.Kind.INVALID_INPUT, "Refused access", first
                    + " (a query may read only the pond files and host files its command names)",
                    "name the file as an input, e.g. --input name=PATH", e);
        }
        if (message.contains("CSV Error on Line") || message.contains("Malformed JSON")) {
            return Errors.of(Problem.Kind.INVALID_INPUT, "Malformed input", DuckMessages.line(message)
                    .map(l -> "line " + l + ": ").orElse("") + DuckMessages.reason(message), null, e);
        }
        if (message.contains("Catalog Error") && message.contains("Table with name")) {
            fix = "the input is the table 'source' (or 'series'), or a name given with --input NAME=PATH";
        } else if (message.contains("Referenced column") || message.contains("not found in FROM clause")) {
            fix = "see the columns with 'pond describe PATH'";
        }
        return Errors.of(Problem.Kind.INVALID_INPUT, "Cannot " + doing, first, fix, e);
    }
}
