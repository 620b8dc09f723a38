package io.duckpond.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.tlogfs.duck.DuckSession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour an adversarial review found wrong, each pinned by a test. */
class ReviewFindingsTest {

    @TempDir
    Path dir;

    InProcessPond pond;

    @BeforeEach
    void init() {
        pond = new InProcessPond(dir.resolve("pond"), dir);
        pond.ok("init");
    }

    @Test
    void aFailedWriteToStandardOutputIsAFailure() throws Exception {
        Path file = Files.writeString(dir.resolve("f.txt"), "x".repeat(100_000));
        pond.ok("copy", file.toString(), "/f.txt");
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        CliContext context = new CliContext(java.io.InputStream.nullInputStream(), new PrintStream(full),
                new PrintStream(err, true), Map.of(), dir, CliContext.Terminal.NONE);
        int code = PondCli.run(context, "--pond", dir.resolve("pond").toString(), "cat", "/f.txt");
        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).contains("Cannot write the output");
    }

    @Test
    void theRootCannotBeRemovedWithOrWithoutATrailingSlashOrRecursion() {
        pond.ok("mkdir", "/keep");
        for (String[] rm : new String[][] {{"rm", "/"}, {"rm", "-r", "/"}, {"rm", "-r", "//"}}) {
            InProcessPond.Run run = pond.run(rm);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderr()).contains("Cannot remove: the root directory");
        }
        assertThat(pond.run("rm", "/keep/").exitCode()).isZero();
        assertThat(pond.ok("list", "/").out()).isEmpty();
    }

    @Test
    void aTrailingSlashOnADirectoryNamesTheDirectoryNotItsEntries() {
        pond.ok("mkdir", "-p", "/d/sub");
        InProcessPond.Run run = pond.run("rm", "/d/");
        assertThat(run.stderr()).contains("Directory not empty: /d");
        assertThat(pond.ok("list", "/d").out()).isEqualTo("/d/sub\n");
    }

    @Test
    void twoSourcesLandingOnOneFileAreRefusedNotMadeIntoVersions() throws Exception {
        Path a = Files.createDirectories(dir.resolve("a")).resolve("data.csv");
        Path b = Files.createDirectories(dir.resolve("b")).resolve("data.csv");
        Files.writeString(a, "a");
        Files.writeString(b, "b");
        pond.ok("mkdir", "/inbox");
        InProcessPond.Run run = pond.run("copy", a.toString(), b.toString(), "/inbox");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Two sources land on one file: /inbox/data.csv");
        assertThat(pond.ok("list", "/inbox").out()).isEmpty();
    }

    @Test
    void namesWithWildcardCharactersAreReadBackByName() throws Exception {
        Path file = Files.writeString(dir.resolve("report[1].csv"), "bracketed");
        Path other = Files.writeString(dir.resolve("report1.csv"), "plain");
        pond.ok("copy", file.toString(), other.toString(), "/");
        assertThat(pond.ok("cat", "/report[1].csv").out()).isEqualTo("bracketed");
        assertThat(pond.ok("describe", "/report[1].csv").out()).contains("/report[1].csv");
        pond.ok("rm", "/report[1].csv");
        assertThat(pond.ok("list").out()).isEqualTo("/report1.csv\n");
    }

    @Test
    void aPatternStartingWithADotMatchesHiddenNames() throws Exception {
        Path hidden = Files.writeString(dir.resolve(".env"), "h");
        pond.ok("copy", hidden.toString(), "/");
        assertThat(pond.ok("list", "/.*").out()).isEqualTo("/.env\n");
        assertThat(pond.ok("list", "/*").out()).isEmpty();
    }

    @Test
    void aSeriesVersionWhoseTimestampsAreAllNullIsStillRead() throws Exception {
        Path first = dir.resolve("first.parquet");
        Path nulls = dir.resolve("nulls.parquet");
        try (DuckSession duck = DuckSession.open()) {
            duck.execute("COPY (SELECT TIMESTAMP '2026-01-01 00:00:00' AS ts, 1 AS v) TO "
                    + DuckSession.literal(first.toString()) + " (FORMAT parquet)");
            duck.execute("COPY (SELECT NULL::TIMESTAMP AS ts, i AS v FROM range(2) t(i)) TO "
                    + DuckSession.literal(nulls.toString()) + " (FORMAT parquet)");
        }
        pond.ok("copy", "host+series://" + first, "/s.series");
        pond.ok("copy", "host+series://" + nulls, "/s.series");
        assertThat(pond.ok("cat", "/s.series", "--format", "csv", "--sql", "SELECT count(*) AS n FROM source").out())
                .isEqualTo("n\n3\n");
    }

    @Test
    void copyOutRefusesTwoFilesLandingOnOneHostFileAndWritesNothing() throws Exception {
        pond.ok("mkdir", "/a", "/b");
        Path x = Files.writeString(dir.resolve("x"), "x");
        pond.ok("copy", x.toString(), "/a/");
        pond.ok("copy", x.toString(), "/b/");
        Path out = Files.createDirectories(dir.resolve("out"));
        InProcessPond.Run run = pond.run("copy", "/a/x", "/b/x", "host://" + out);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Two pond files would land on one host file");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void copyOutOfALongNameUsesAShortTempName() throws Exception {
        String name = "n".repeat(250);
        Path file = Files.writeString(dir.resolve(name), "long");
        pond.ok("copy", file.toString(), "/");
        Path out = Files.createDirectories(dir.resolve("out"));
        pond.ok("copy", "/" + name, "host://" + out);
        assertThat(out.resolve(name)).hasContent("long");
    }

    @Test
    void aDamagedCacheCopyIsWrittenAgainAndRecoverRemovesIt() throws Exception {
        Path table = dir.resolve("t.parquet");
        try (DuckSession duck = DuckSession.open()) {
            duck.execute("COPY (SELECT 1 AS v) TO " + DuckSession.literal(table.toString()) + " (FORMAT parquet)");
        }
        pond.ok("copy", "host+table://" + table, "/t");
        assertThat(pond.ok("cat", "/t", "--format", "csv").out()).isEqualTo("v\n1\n");
        Path cache = dir.resolve("pond/cache");
        Path cached;
        try (Stream<Path> files = Files.list(cache)) {
            cached = files.findFirst().orElseThrow();
        }
        Files.write(cached, new byte[0]);
        assertThat(pond.ok("cat", "/t", "--format", "csv").out()).isEqualTo("v\n1\n");
        Files.write(cached, new byte[(int) Files.size(table)]);
        assertThat(pond.ok("recover").stderr()).contains("1 damaged cache file(s)");
        assertThat(pond.ok("cat", "/t", "--format", "csv").out()).isEqualTo("v\n1\n");
    }

    @Test
    void queryAsOfATransactionSeesOnlyTheTransactionsUpToIt() {
        pond.ok("mkdir", "/a");
        pond.ok("mkdir", "/b");
        assertThat(pond.ok("query", "--at-txn", "1", "--format", "csv",
                "SELECT max(txn_seq) AS last FROM pond.transactions").out()).isEqualTo("last\n1\n");
    }

    @Test
    void movingToAPathEndingInSlashNeedsThatDirectory() {
        pond.ok("mkdir", "/z", "/a");
        pond.ok("mkdir", "/z/f");
        InProcessPond.Run run = pond.run("mv", "/z/f", "/a/g/");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("Not a directory: /a/g/");
    }
}
