package io.duckpond.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplyTest {

    @TempDir
    Path dir;

    InProcessPond pond;

    @BeforeEach
    void init() {
        pond = new InProcessPond(dir.resolve("pond"), dir);
        pond.ok("init");
    }

    @Test
    void eachLineIsItsOwnTransactionInOneProcess() throws Exception {
        StringBuilder script = new StringBuilder("# ingest\n\n");
        for (int i = 0; i < 30; i++) {
            Path file = Files.writeString(dir.resolve("f " + i + ".txt"), "content " + i);
            script.append("copy '").append(file).append("' /\n");
        }
        script.append("pond mkdir \"/with space\"\n");
        InProcessPond.Run run = pond.runWithInput(script.toString().getBytes(StandardCharsets.UTF_8), "apply");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("Ran 31 command(s).");
        assertThat(pond.ok("log", "--format", "jsonl").out().lines()).hasSize(32);
        assertThat(pond.ok("cat", "/f 7.txt").out()).isEqualTo("content 7");
        assertThat(pond.ok("list", "/with space").out()).isEmpty();
    }

    @Test
    void theFirstFailureStopsTheScriptAndEarlierLinesStayCommitted() throws Exception {
        Path script = Files.writeString(dir.resolve("s.pond"), "mkdir /a\nmkdir /missing/b\nmkdir /c\n");
        InProcessPond.Run run = pond.run("apply", "-f", script.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("No such file or directory: /missing")
                .contains("Stopped: line 2 ('mkdir /missing/b') exited 1");
        assertThat(pond.ok("list").out()).isEqualTo("/a\n");
        InProcessPond.Run going = pond.run("apply", "--keep-going", "-f", script.toString());
        assertThat(going.exitCode()).isEqualTo(1);
        assertThat(going.stderr()).contains("Ran 3 command(s), 2 failed.");
        assertThat(pond.ok("list").out()).isEqualTo("/a\n/c\n");
    }

    @Test
    void queriesInAScriptLeaveThePondUsableForTheNextLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("t.csv"), "x\n1\n2\n");
        String script = "copy host+csv://" + csv + " /t\ncat /t --format csv --sql 'SELECT sum(x) AS s FROM source'\n"
                + "mkdir /after\n";
        InProcessPond.Run run = pond.runWithInput(script.getBytes(StandardCharsets.UTF_8), "apply");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("s\n3\n");
        assertThat(pond.ok("list", "/after").exitCode()).isZero();
    }

    @Test
    void unclosedQuotesAndNestedApplyAreUsageErrors() {
        assertThat(pond.runWithInput("mkdir '/x\n".getBytes(StandardCharsets.UTF_8), "apply").stderr())
                .contains("Unclosed quote: line 1");
        assertThat(pond.runWithInput("apply\n".getBytes(StandardCharsets.UTF_8), "apply").exitCode()).isEqualTo(2);
    }
}
