package io.duckpond.tlogfs.duck;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The process's embedded DuckDB: an in-memory database used to read and write Parquet. Extensions are never
 * downloaded or auto-loaded (the built-in parquet, json and icu are enough and the machine may be offline), the session
 * time zone is UTC, and threads and memory are bounded per process ({@code POND_DUCKDB_THREADS},
 * {@code POND_DUCKDB_MEMORY}).
 */
public final class DuckSession implements AutoCloseable {

    /** Maps one result row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final DuckDBConnection connection;

    private DuckSession(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** A session being opened ahead of need by {@link #openEarly}, until {@link #open} takes it. */
    private static final AtomicReference<FutureTask<DuckSession>> EARLY = new AtomicReference<>();

    /**
     * Starts opening a session on another thread, for a short-lived process that will need one: loading DuckDB's
     * native library and the JDBC driver (which starts Java Flight Recorder's event registry) then overlaps the rest of
     * start-up on the other core, instead of following it. The next {@link #open} takes this session.
     */
    public static void openEarly() {
        FutureTask<DuckSession> task = new FutureTask<>(DuckSession::openNow);
        if (EARLY.compareAndSet(null, task)) {
            Thread thread = new Thread(task, "duckdb-start");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** A new session: the one {@link #openEarly} started, if any is waiting, else a fresh one. */
    public static DuckSession open() {
        FutureTask<DuckSession> early = EARLY.getAndSet(null);
        if (early != null) {
            try {
                return early.get();
            } catch (ExecutionException e) {
                // Opened again below, so the failure is reported where it would have happened without the head start.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return openNow();
    }

    private static DuckSession openNow() {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        // Results are fetched as they are read, so a large query result never sits whole in memory.
        properties.setProperty("jdbc_stream_results", "true");
        try {
            DuckDBConnection connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
            DuckSession session = new DuckSession(connection);
            session.execute("SET TimeZone = 'UTC'");
            // Every Parquet file pond reads is immutable once written, so footers can be cached for the process.
            session.execute("SET parquet_metadata_cache = true");
            session.execute("SET threads = " + setting("POND_DUCKDB_THREADS", "2"));
            session.execute("SET memory_limit = " + literal(setting("POND_DUCKDB_MEMORY", "512MB")));
            session.execute("SET temp_directory = "
                    + literal(Path.of(System.getProperty("java.io.tmpdir"), "duckpond-spill").toString()));
            return session;
        } catch (SQLException e) {
            throw Errors.of(Problem.Kind.IO_FAILURE, "Cannot start DuckDB", e.getMessage(), null, e);
        }
    }

    /** A setting from the environment, or its default. */
    public static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public Connection connection() {
        return connection;
    }

    public void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs a query with positional parameters and maps every row. A fresh statement each time: a failed one is closed. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result));
                }
            }
            return rows;
        }
    }

    /** An appender for a temporary table. */
    public DuckDBAppender appender(String temporaryTable) throws SQLException {
        return connection.createAppender("temp", "main", temporaryTable);
    }

    /** A SQL string literal. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A SQL list of file paths, for table functions whose arguments must be constants. */
    public static String pathList(List<Path> files) {
        return files.stream().map(f -> literal(f.toString())).collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing an in-memory database cannot lose anything
        }
    }
}
