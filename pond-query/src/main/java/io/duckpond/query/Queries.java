package io.duckpond.query;

import io.duckpond.query.input.SqlInput;
import io.duckpond.query.output.ResultFormat;
import io.duckpond.query.output.ResultWriter;
import io.duckpond.query.session.QuerySession;
import io.duckpond.tinyfs.error.Errors;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import io.duckpond.tlogfs.duck.DuckSession;
import java.util.List;
import java.util.Optional;

/** One SQL query over named inputs (and pond metadata tables), in a locked-down session, written to a stream. */
public final class Queries {
    private Queries() {}

    /** In a database of its own. */
    public static void run(List<SqlInput> inputs, List<QuerySession.TableLoad> tables, String sql, ResultFormat format,
            OutputStream out) {
        run(Optional.empty(), inputs, tables, sql, format, out);
    }

    /**
     * In {@code shared}, which is locked down for good: the query must be the last thing the command does with it.
     */
    public static void runLast(DuckSession shared, List<SqlInput> inputs, List<QuerySession.TableLoad> tables,
            String sql, ResultFormat format, OutputStream out) {
        run(Optional.of(shared), inputs, tables, sql, format, out);
    }

    /** Every row of one input written as {@code format}, with no user SQL and so no lock-down (for exports). */
    public static void export(DuckSession duck, SqlInput input, ResultFormat format, OutputStream out) {
        Path scratch = scratchDirectory();
        try {
            ResultWriter.copy(duck, "SELECT * FROM " + input.relation(), format, ResultWriter.scratchFile(scratch), out);
        } catch (IOException e) {
            throw Errors.io("write the result", "stdout", e);
        } finally {
            deleteScratch(scratch);
        }
    }

    private static void run(Optional<DuckSession> shared, List<SqlInput> inputs, List<QuerySession.TableLoad> tables,
            String sql, ResultFormat format, OutputStream out) {
        Path scratch = scratchDirectory();
        Path result = ResultWriter.scratchFile(scratch);
        QuerySession.Builder builder = QuerySession.builder().writable(result);
        tables.forEach(builder::table);
        for (SqlInput input : inputs) {
            input.files().forEach(builder::readable);
            builder.setup(input.viewStatement());
        }
        try (QuerySession session = shared.map(builder::lockOn).orElseGet(builder::lock)) {
            ResultWriter.write(session, sql, format, out, result);
        } catch (IOException e) {
            throw Errors.io("write the result", "stdout", e);
        } finally {
            deleteScratch(scratch);
        }
    }

    private static Path scratchDirectory() {
        try {
            return Files.createTempDirectory("pond-query-");
        } catch (IOException e) {
            throw Errors.io("create a scratch directory", System.getProperty("java.io.tmpdir"), e);
        }
    }

    private static void deleteScratch(Path scratch) {
        try {
            Files.deleteIfExists(ResultWriter.scratchFile(scratch));
            Files.deleteIfExists(scratch);
        } catch (IOException ignored) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
