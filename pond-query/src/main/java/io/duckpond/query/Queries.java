package io.duckpond.query;

import io.duckpond.query.input.SqlInput;
import io.duckpond.query.output.ResultFormat;
import io.duckpond.query.output.ResultWriter;
import io.duckpond.query.session.QuerySession;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.PondException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import io.duckpond.tlogfs.duck.DuckSession;
import java.util.List;
import java.util.Map;
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
        } catch (PondException e) {
            throw namedAsTheUserNamedThem(e, List.of(input));
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
        } catch (PondException e) {
            throw namedAsTheUserNamedThem(e, inputs);
        } catch (IOException e) {
            throw Errors.io("write the result", "stdout", e);
        } finally {
            deleteScratch(scratch);
        }
    }

    /** An error naming an internal file (a cache copy, a stored content) names the pond path instead. */
    private static PondException namedAsTheUserNamedThem(PondException e, List<SqlInput> inputs) {
        String cause = e.problem().cause();
        for (SqlInput input : inputs) {
            for (Map.Entry<Path, String> named : input.shownAs().entrySet()) {
                cause = cause.replace(named.getKey().toString(), named.getValue());
            }
        }
        if (cause.equals(e.problem().cause())) {
            if (!e.problem().problem().equals("Malformed input")) {
                return e;
            }
            // The reader's message names no file: say which input it was.
            cause = inputs.stream().flatMap(i -> i.shownAs().values().stream()).distinct()
                    .reduce((a, b) -> a + ", " + b).map(n -> n + " ").orElse("") + cause;
        }
        return Errors.of(e.kind(), e.problem().problem(), cause, e.problem().fix().orElse(null), e);
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
