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
import java.util.List;

/** One SQL query over named inputs (and pond metadata tables), in a locked-down session, written to a stream. */
public final class Queries {
    private Queries() {}

    public static void run(List<SqlInput> inputs, List<QuerySession.TableLoad> tables, String sql, ResultFormat format,
            OutputStream out) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("pond-query-");
        } catch (IOException e) {
            throw Errors.io("create a scratch directory", System.getProperty("java.io.tmpdir"), e);
        }
        Path result = ResultWriter.scratchFile(scratch);
        QuerySession.Builder builder = QuerySession.builder().writable(result);
        tables.forEach(builder::table);
        for (SqlInput input : inputs) {
            input.files().forEach(builder::readable);
            builder.setup(input.viewStatement());
        }
        try (QuerySession session = builder.lock()) {
            ResultWriter.write(session, sql, format, out, result);
        } catch (IOException e) {
            throw Errors.io("write the result", "stdout", e);
        } finally {
            try {
                Files.deleteIfExists(result);
                Files.deleteIfExists(scratch);
            } catch (IOException ignored) {
                // a temp directory; the OS cleans it eventually
            }
        }
    }
}
