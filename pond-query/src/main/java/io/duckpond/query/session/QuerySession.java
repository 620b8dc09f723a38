package io.duckpond.query.session;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A DuckDB database for one user query, locked down before the user's SQL runs: it may read exactly the files the
 * command named (and write exactly its own output file), runs no extension it does not have built in, and its
 * configuration cannot be changed back. Its own in-memory database, apart from the one that reads the oplog.
 */
public final class QuerySession implements AutoCloseable {

    private final DuckSession duck;
    private final Runnable onClose;

    private QuerySession(DuckSession duck, Runnable onClose) {
        this.duck = duck;
        this.onClose = onClose;
    }

    /** Prepares a session: tables and views first, then {@link #lock}. */
    public static Builder builder() {
        return new Builder();
    }

    /** What a session may see, set up before it is locked. */
    public static final class Builder {
        private final Set<Path> readable = new LinkedHashSet<>();
        private final List<String> setup = new ArrayList<>();
        private final List<TableLoad> tables = new ArrayList<>();

        private Builder() {}

        /** A file the query may read. */
        public Builder readable(Path file) {
            readable.add(file.toAbsolutePath().normalize());
            return this;
        }

        /** A file the query may write (its own output). */
        public Builder writable(Path file) {
            return readable(file);
        }

        /** A statement run before the lock-down, e.g. {@code CREATE VIEW source AS ...}. */
        public Builder setup(String sql) {
            setup.add(sql);
            return this;
        }

        /** A table filled from Java before the lock-down (pond metadata). */
        public Builder table(TableLoad load) {
            tables.add(load);
            return this;
        }

        /** Opens a database of its own, runs the setup, then locks it; closing the session closes the database. */
        public QuerySession lock() {
            DuckSession own = DuckSession.open();
            try {
                return lockOn(own, own::close);
            } catch (RuntimeException e) {
                own.close();
                throw e;
            }
        }

        /**
         * Runs the setup on {@code shared} and locks it: from then on that database reads only what this session
         * allows. For the last step of a command, which saves starting a second database.
         */
        public QuerySession lockOn(DuckSession shared) {
            return lockOn(shared, () -> {});
        }

        private QuerySession lockOn(DuckSession duck, Runnable onClose) {
            QuerySession session = new QuerySession(duck, onClose);
            try {
                for (TableLoad load : tables) {
                    load.load(duck.connection());
                }
                for (String sql : setup) {
                    duck.execute(sql);
                }
                if (!readable.isEmpty()) {
                    duck.execute("SET allowed_paths = " + readable.stream()
                            .map(p -> DuckSession.literal(p.toString())).collect(Collectors.joining(", ", "[", "]")));
                }
                duck.execute("SET enable_external_access = false");
                duck.execute("SET lock_configuration = true");
                return session;
            } catch (SQLException e) {
                throw QueryErrors.duck("prepare the query", e);
            }
        }
    }

    /** Fills one table from Java, before the lock-down. */
    @FunctionalInterface
    public interface TableLoad {
        void load(Connection connection) throws SQLException;
    }

    public Connection connection() {
        return duck.connection();
    }

    public DuckSession duck() {
        return duck;
    }

    /**
     * Throws unless {@code sql} is exactly one SELECT (or a query such as WITH ... SELECT): no DDL, no COPY, no
     * ATTACH, no second statement. DuckDB parses it; nothing runs.
     */
    public void requireSingleSelect(String sql) {
        String serialized;
        try (var statement = duck.connection().prepareStatement("SELECT json_serialize_sql(?)")) {
            statement.setString(1, sql);
            try (var result = statement.executeQuery()) {
                result.next();
                serialized = result.getString(1);
            }
        } catch (SQLException e) {
            throw QueryErrors.duck("check the SQL", e);
        }
        Map<String, Object> parsed = Json.parseObject(serialized);
        if (Boolean.TRUE.equals(parsed.get("error"))) {
            String message = String.valueOf(parsed.get("error_message"));
            if (message.startsWith("Only SELECT")) {
                throw Errors.of(Problem.Kind.INVALID_INPUT, "Refused SQL", "only one SELECT statement may run; got: "
                        + abbreviate(sql), "write a single SELECT ... FROM source");
            }
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Bad SQL", message, null);
        }
        Object statements = parsed.get("statements");
        if (!(statements instanceof List<?> list) || list.size() != 1) {
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Refused SQL", "only one SELECT statement may run; got "
                    + (statements instanceof List<?> l ? l.size() : 0) + " statements", "remove the extra statements");
        }
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 80 ? oneLine.substring(0, 80) + "…" : oneLine;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
