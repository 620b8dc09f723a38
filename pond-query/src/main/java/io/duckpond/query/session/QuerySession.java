package io.duckpond.query.session;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A DuckDB database for one user query, locked down before the user's SQL runs: it may read exactly the files the
 * command named (and write exactly its own output file), runs no extension it does not have built in, and its
 * configuration cannot be changed back. Its own in-memory database, apart from the one that reads the oplog.
 */
public final class QuerySession implements AutoCloseable {

    private final Connection connection;

    private QuerySession(Connection connection) {
        this.connection = connection;
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

        /** Opens the database, runs the setup, then locks it. */
        public QuerySession lock() {
            Properties properties = new Properties();
            properties.setProperty("autoinstall_known_extensions", "false");
            properties.setProperty("autoload_known_extensions", "false");
            properties.setProperty("jdbc_stream_results", "true");
            try {
                Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
                QuerySession session = new QuerySession(connection);
                try {
                    session.execute("SET TimeZone = 'UTC'");
                    session.execute("SET threads = " + DuckSession.setting("POND_DUCKDB_THREADS", "2"));
                    session.execute("SET memory_limit = " + DuckSession.literal(DuckSession.setting("POND_DUCKDB_MEMORY",
                            "512MB")));
                    for (TableLoad load : tables) {
                        load.load(connection);
                    }
                    for (String sql : setup) {
                        session.execute(sql);
                    }
                    if (!readable.isEmpty()) {
                        session.execute("SET allowed_paths = " + readable.stream()
                                .map(p -> DuckSession.literal(p.toString())).collect(Collectors.joining(", ", "[", "]")));
                    }
                    session.execute("SET enable_external_access = false");
                    session.execute("SET lock_configuration = true");
                    return session;
                } catch (SQLException | RuntimeException e) {
                    session.close();
                    throw e;
                }
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
        return connection;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Throws unless {@code sql} is exactly one SELECT (or a query such as WITH ... SELECT): no DDL, no COPY, no
     * ATTACH, no second statement. DuckDB parses it; nothing runs.
     */
    public void requireSingleSelect(String sql) {
        String serialized;
        try (var statement = connection.prepareStatement("SELECT json_serialize_sql(?)")) {
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
        try {
            connection.close();
        } catch (SQLException ignored) {
            // an in-memory database holds nothing to lose
        }
    }
}
