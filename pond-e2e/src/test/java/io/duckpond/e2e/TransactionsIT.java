package io.duckpond.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.tlogfs.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command is one transaction, recorded with its command line; failures leave nothing behind. */
class TransactionsIT {

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> log(PondRunner pond, String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "log";
        args[1] = "--format";
        args[2] = "jsonl";
        System.arraycopy(extra, 0, args, 3, extra.length);
        PondRunner.Result result = pond.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.lines().stream().map(l -> (Map<String, Object>) Json.parse(l)).toList();
    }

    @Test
    void logAfterInitCopyMkdirCopyShowsExactlyThoseFourWithTheirCommandLines() throws Exception {
        PondRunner pond = new PondRunner(dir.resolve("pond"));
        Path a = Files.writeString(dir.resolve("a.txt"), "a");
        Path b = Files.writeString(dir.resolve("b.txt"), "b");
        String p = pond.pond().toString();
        assertThat(pond.run("init").exitCode()).isZero();
        assertThat(pond.run("copy", a.toString(), "/").exitCode()).isZero();
        assertThat(pond.run("mkdir", "/d").exitCode()).isZero();
        assertThat(pond.run("copy", b.toString(), "/d").exitCode()).isZero();

        List<Map<String, Object>> log = log(pond);
        assertThat(log).extracting(e -> e.get("txn")).containsExactly(3L, 2L, 1L, 0L);
        assertThat(log).extracting(e -> e.get("command")).containsExactly(
                List.of("pond", "--pond", p, "copy", b.toString(), "/d"),
                List.of("pond", "--pond", p, "mkdir", "/d"),
                List.of("pond", "--pond", p, "copy", a.toString(), "/"),
                List.of("pond", "--pond", p, "init"));
        assertThat(log).extracting(e -> e.get("outcome")).containsOnly("committed");
        assertThat(log.get(0)).containsKeys("user", "start", "end");
    }

    @Test
    void aCopyOfSeveralFilesIsOneTransactionAndAFailingSourceCommitsNothing() throws Exception {
        PondRunner pond = new PondRunner(dir.resolve("pond"));
        assertThat(pond.run("init").exitCode()).isZero();
        Path one = Files.writeString(dir.resolve("one"), "1");
        Path two = PondRunner.randomFile(dir.resolve("two"), 200_000, 2);
        Path three = Files.writeString(dir.resolve("three"), "3");

        PondRunner.Result copied = pond.run("copy", one.toString(), two.toString(), three.toString(), "/");
        assertThat(copied.exitCode()).as(copied.toString()).isZero();
        assertThat(copied.stderr()).contains("in transaction 1");
        assertThat(log(pond)).hasSize(2);

        Path four = Files.writeString(dir.resolve("four"), "4");
        PondRunner.Result failed = pond.run("copy", four.toString(), dir.resolve("missing").toString(), "/");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stderr()).contains("No such file").contains("missing");
        assertThat(pond.run("cat", "/four").exitCode()).isEqualTo(1);
        assertThat(log(pond)).hasSize(2);
        List<Map<String, Object>> all = log(pond, "--all");
        assertThat(all).hasSize(3);
        assertThat(all.get(0)).containsEntry("outcome", "failed").containsEntry("txn", null);
        assertThat((String) all.get(0).get("message")).contains("missing");
    }

    @Test
    void rmAndMvAreTransactionsAndCatAtTxnStillReadsWhatWasRemoved() throws Exception {
        PondRunner pond = new PondRunner(dir.resolve("pond"));
        assertThat(pond.run("init").exitCode()).isZero();
        Path file = Files.writeString(dir.resolve("notes.txt"), "first words");
        assertThat(pond.run("copy", file.toString(), "/").exitCode()).isZero();
        PondRunner.Result moved = pond.run("mv", "/notes.txt", "/renamed.txt");
        assertThat(moved.exitCode()).as(moved.toString()).isZero();
        assertThat(moved.stderr()).contains("transaction 2");
        PondRunner.Result removed = pond.run("rm", "/renamed.txt");
        assertThat(removed.exitCode()).as(removed.toString()).isZero();
        assertThat(removed.stderr()).contains("transaction 3");

        assertThat(pond.run("cat", "/renamed.txt").exitCode()).isEqualTo(1);
        assertThat(pond.run("cat", "--at-txn", "1", "/notes.txt").out()).isEqualTo("first words");
        assertThat(pond.run("cat", "--at-txn", "2", "/renamed.txt").out()).isEqualTo("first words");
        assertThat(log(pond)).extracting(e -> (Object) ((List<?>) e.get("command")).get(3)).containsExactly("rm", "mv", "copy", "init");
    }

    @Test
    void hiddenNamesAreSkippedUnlessAllAndListOfTheRootListsTheRoot() throws Exception {
        PondRunner pond = new PondRunner(dir.resolve("pond"));
        assertThat(pond.run("init").exitCode()).isZero();
        Path visible = Files.writeString(dir.resolve("visible"), "v");
        Path hidden = Files.writeString(dir.resolve(".hidden"), "h");
        assertThat(pond.run("copy", visible.toString(), hidden.toString(), "/").exitCode()).isZero();

        PondRunner.Result list = pond.run("list", "/");
        assertThat(list.exitCode()).isZero();
        assertThat(list.lines()).containsExactly("/visible");
        assertThat(pond.run("list").lines()).containsExactly("/visible");
        assertThat(pond.run("list", "-a", "/").lines()).containsExactly("/.hidden", "/visible");
        assertThat(pond.run("list", "/*").lines()).containsExactly("/visible");
        assertThat(pond.run("list", "/.hidden").lines()).containsExactly("/.hidden");
    }

    @Test
    void readOnlyCommandsOnSomethingThatIsNotAPondSayHowToMakeOneAndCreateNothing() {
        Path nowhere = dir.resolve("not-a-pond");
        PondRunner pond = new PondRunner(nowhere);
        for (String[] command : new String[][] {{"list"}, {"cat", "/x"}, {"log"}, {"status"}, {"describe"}}) {
            PondRunner.Result result = pond.run(command);
            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr()).contains("Not a pond: " + nowhere + " (run 'pond init' first)");
        }
        assertThat(nowhere).doesNotExist();
    }

    @Test
    void theDemoRunsARealSessionAndLeavesAPondBehind() {
        Path demo = dir.resolve("demo");
        PondRunner.Result result = new PondRunner(dir.resolve("unused")).run("demo", demo.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("$ pond init").contains("$ pond copy host+csv+series://")
                .contains("max_pressure").contains("Done.");
        PondRunner pond = new PondRunner(demo);
        assertThat(pond.run("list", "/**").lines()).contains("/logs/pump-station.log", "/pumps/flow.series");
        assertThat(pond.run("status").out()).contains("needs recover:             false");
    }

    @Test
    void usageErrorsExitTwoAndHelpShowsExamples() {
        PondRunner pond = new PondRunner(dir.resolve("pond"));
        PondRunner.Result unknown = pond.run("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("frobnicate");
        PondRunner.Result help = pond.run("copy", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Examples:").contains("host+series:///");
    }
}
