package io.duckpond.query.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.query.Queries;
import io.duckpond.query.input.SqlInput;
import io.duckpond.tlogfs.duck.DuckSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultWriterTest {

    @TempDir
    Path dir;

    private String run(String sql, ResultFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Queries.run(List.of(), List.of(), sql, format, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTableShowsNamesTypesAndNullInABox() {
        String table = run("SELECT 1::INTEGER AS id, NULL::VARCHAR AS note, TIMESTAMPTZ '2026-01-02 03:04:05+00' AS ts",
                ResultFormat.TABLE);
        assertThat(table.lines().toList()).containsExactly(
                "┌─────────┬─────────┬──────────────────────────┐",
                "│ id      │ note    │ ts                       │",
                "│ integer │ varchar │ timestamp with time zone │",
                "├─────────┼─────────┼──────────────────────────┤",
                "│ 1       │ NULL    │ 2026-01-02T03:04:05Z     │",
                "└─────────┴─────────┴──────────────────────────┘",
                "1 row");
    }

    @Test
    void aLongResultShowsItsFirstAndLastRowsAndTheCount() {
        List<String> lines = run("SELECT i FROM range(1000) t(i)", ResultFormat.TABLE).lines().toList();
        assertThat(lines).contains("│ 0      │", "│ 19     │", "│ ·      │", "│ 980    │", "│ 999    │");
        assertThat(lines).doesNotContain("│ 20     │", "│ 979    │");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("1000 rows (40 shown)");
    }

    @Test
    void machineFormatsComeFromDuckDbsWriters() throws Exception {
        assertThat(run("SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, NULL ORDER BY a", ResultFormat.CSV))
                .isEqualTo("a,b\n1,x\n2,\n");
        assertThat(run("SELECT 1 AS a ORDER BY a", ResultFormat.JSONL)).isEqualTo("{\"a\":1}\n");
        assertThat(run("SELECT i AS a FROM range(2) t(i)", ResultFormat.JSON).replaceAll("\\s", ""))
                .isEqualTo("[{\"a\":0},{\"a\":1}]");
        ByteArrayOutputStream parquet = new ByteArrayOutputStream();
        Queries.run(List.of(), List.of(), "SELECT 42 AS answer", ResultFormat.PARQUET, parquet);
        Path file = Files.write(dir.resolve("out.parquet"), parquet.toByteArray());
        try (DuckSession duck = DuckSession.open()) {
            assertThat(duck.query("SELECT answer FROM read_parquet(" + DuckSession.literal(file.toString()) + ")",
                    r -> r.getInt(1))).containsExactly(42);
        }
    }

    @Test
    void aTrailingCommentOrSemicolonCannotBreakTheWrapping() {
        assertThat(run("SELECT 7 AS x; ", ResultFormat.CSV)).isEqualTo("x\n7\n");
        assertThat(run("SELECT 7 AS x -- the answer", ResultFormat.CSV)).isEqualTo("x\n7\n");
    }

    @Test
    void inputsAreViewsOverTheirFiles() throws Exception {
        Path file = dir.resolve("t.parquet");
        try (DuckSession duck = DuckSession.open()) {
            duck.execute("COPY (SELECT i FROM range(10) t(i)) TO " + DuckSession.literal(file.toString()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Queries.run(List.of(new SqlInput("nums", "read_parquet(" + DuckSession.literal(file.toString()) + ")",
                List.of(file), 1)), List.of(), "SELECT sum(i) AS s FROM nums", ResultFormat.CSV, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("s\n45\n");
    }
}
