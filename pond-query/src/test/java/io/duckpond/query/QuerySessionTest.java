package io.duckpond.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duckpond.query.session.QueryErrors;
import io.duckpond.query.session.QuerySession;
import io.duckpond.tinyfs.error.PondException;
import io.duckpond.tlogfs.duck.DuckSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The query database reads only what it was given and runs one SELECT. */
class QuerySessionTest {

    @TempDir
    Path dir;

    Path named;
    Path other;

    @BeforeEach
    void files() throws Exception {
        named = dir.resolve("named.parquet");
        other = dir.resolve("other.parquet");
        try (DuckSession duck = DuckSession.open()) {
            duck.execute("COPY (SELECT 1 AS x) TO " + DuckSession.literal(named.toString()) + " (FORMAT parquet)");
            duck.execute("COPY (SELECT 2 AS x) TO " + DuckSession.literal(other.toString()) + " (FORMAT parquet)");
        }
    }

    private QuerySession session() {
        return QuerySession.builder().readable(named)
                .setup("CREATE VIEW source AS SELECT * FROM read_parquet(" + DuckSession.literal(named.toString()) + ")")
                .lock();
    }

    private static String run(QuerySession session, String sql) {
        session.requireSingleSelect(sql);
        try (Statement s = session.connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw QueryErrors.duck("run the query", e);
        }
    }

    @Test
    void theNamedInputReads() {
        try (QuerySession session = session()) {
            assertThat(run(session, "SELECT sum(x) FROM source")).isEqualTo("1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM glob('/etc/*')",
    })
    void readingAnythingElseIsRefused(String sql) {
        try (QuerySession session = session()) {
            assertThatThrownBy(() -> run(session, sql))
                    .isInstanceOf(PondException.class)
                    .hasMessageContaining("Refused access")
                    .hasMessageContaining("Permission Error");
        }
    }

    @Test
    void anotherPondFileIsRefusedToo() {
        try (QuerySession session = session()) {
            assertThatThrownBy(() -> run(session, "SELECT * FROM read_parquet('" + other + "')"))
                    .hasMessageContaining("Refused access").hasMessageContaining(other.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "COPY (SELECT 1) TO '/tmp/pond-evil.csv'",
        "ATTACH '/tmp/pond-evil.db'",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "CREATE TABLE t AS SELECT 1",
        "SELECT 1; SELECT 2",
        "SELECT 1; COPY (SELECT 1) TO '/tmp/pond-evil.csv'",
        "DROP VIEW source",
    })
    void anythingButOneSelectIsRefusedBeforeItRuns(String sql) {
        try (QuerySession session = session()) {
            assertThatThrownBy(() -> run(session, sql))
                    .isInstanceOf(PondException.class)
                    .hasMessageContaining("Refused SQL");
        }
        assertThat(Path.of("/tmp/pond-evil.csv")).doesNotExist();
        assertThat(Path.of("/tmp/pond-evil.db")).doesNotExist();
    }

    @Test
    void theConfigurationCannotBeUnlockedEvenDirectly() throws Exception {
        try (QuerySession session = session(); Statement s = session.connection().createStatement()) {
            assertThatThrownBy(() -> s.execute("SET enable_external_access = true"))
                    .hasMessageContaining("the configuration has been locked");
        }
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }

    @Test
    void badSqlKeepsDuckDbsMessage() {
        try (QuerySession session = session()) {
            assertThatThrownBy(() -> run(session, "SELEC 1"))
                    .isInstanceOf(PondException.class)
                    .hasMessageContaining("Bad SQL")
                    .hasMessageContaining("syntax error");
        }
    }
}
