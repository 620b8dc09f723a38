package io.duckpond.e2e;

import static io.duckpond.e2e.CrashLoop.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.tlogfs.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk under the pond misbehaves: it fills up, turns read-only, or loses files between commands. Each test puts
 * its pond on its own small tmpfs (mounted under its temp directory, so it needs root; skipped otherwise) and always
 * unmounts it. What the pond must do: fail the one command with exit 1 and a one-line message that says what went
 * wrong, keep every committed transaction byte-exact, and be whole again (recover, fsck clean, next write works) once
 * the disk is.
 *
 * <p>Behaviour (exit codes, data) is asserted at once; the wording of messages is collected in {@code messages} and
 * asserted at the end, so one unclear message does not hide what the rest of the test would find.
 */
class DiskTroubleIT {

    @TempDir
    Path dir;

    private final List<Path> mounts = new ArrayList<>();
    private final SoftAssertions messages = new SoftAssertions();

    @BeforeEach
    void needsRootToMount() throws Exception {
        // A full or read-only disk needs a real mount (chmod does not stop root); sessions and CI run as root.
        assertThat(exec("id", "-u").trim()).as("mounting a tmpfs needs root").isEqualTo("0");
    }

    @AfterEach
    void unmountEverything() throws Exception {
        List<Path> reversed = new ArrayList<>(mounts);
        Collections.reverse(reversed);
        for (Path mount : reversed) {
            unmount(mount);
        }
        mounts.clear();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // a. A full disk

    @Test
    void aLargeFileThatDoesNotFitFailsClearlyAndEveryEarlierFileSurvives() throws Exception {
        Path disk = mountTmpfs("disk", "4m");
        PondRunner pond = new PondRunner(disk.resolve("pond"));
        List<String[]> committed = initWithDirectory(pond, "/big");
        Map<String, Path> files = new LinkedHashMap<>();

        // 1 MB each, so the fourth cannot fit on 4 MiB with the pond's own files.
        String[] failing = null;
        PondRunner.Result failure = null;
        for (int i = 1; i <= 10 && failure == null; i++) {
            Path source = PondRunner.randomFile(dir.resolve("big-" + i + ".bin"), 1_000_000, i);
            String[] copy = args("copy", source.toString(), "/big/");
            PondRunner.Result result = pond.run(copy);
            if (result.exitCode() == 0) {
                committed.add(copy);
                files.put("/big/" + source.getFileName(), source);
            } else {
                failing = copy;
                failure = result;
            }
        }
        assertThat(failure).as("a copy fails once the disk is full").isNotNull();
        assertThat(files).as("copies that fitted").hasSizeGreaterThanOrEqualTo(2);
        Path tooBig = Path.of(failing[1]);

        checkFullDiskFailure(pond, failure, committed, failing, files, List.of("/big/" + tooBig.getFileName()));
        growAndCheckTheNextCopyWorks(pond, disk, failing, Map.of("/big/" + tooBig.getFileName(), tooBig));
        messages.assertAll();
    }

    @Test
    void aCopyOfManySmallFilesThatDoNotFitTogetherCommitsNoneOfThem() throws Exception {
        Path disk = mountTmpfs("disk", "1m");
        PondRunner pond = new PondRunner(disk.resolve("pond"));
        List<String[]> committed = initWithDirectory(pond, "/small");
        Map<String, Path> files = new LinkedHashMap<>();

        Path early = Files.createDirectories(dir.resolve("early"));
        List<String> copyEarly = new ArrayList<>(List.of("copy"));
        for (int i = 0; i < 5; i++) {
            Path f = PondRunner.randomFile(early.resolve("early-" + i + ".bin"), 20_000, 100 + i);
            copyEarly.add(f.toString());
            files.put("/small/" + f.getFileName(), f);
        }
        copyEarly.add("/small/");
        committed.add(copyEarly.toArray(String[]::new));
        ok(pond.run(copyEarly.toArray(String[]::new)));

        // 50 inline files of 30 kB (incompressible) are one oplog data file of 1.5 MB: more than the disk holds.
        Path many = Files.createDirectories(dir.resolve("many"));
        List<String> copyMany = new ArrayList<>(List.of("copy"));
        Map<String, Path> manyFiles = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            Path f = PondRunner.randomFile(many.resolve("many-" + i + ".bin"), 30_000, 1000 + i);
            copyMany.add(f.toString());
            manyFiles.put("/small/" + f.getFileName(), f);
        }
        copyMany.add("/small/");
        String[] failing = copyMany.toArray(String[]::new);
        PondRunner.Result failure = pond.run(failing);
        assertThat(failure.exitCode()).as("50 files of 30 kB on a 1 MiB disk: %s", failure).isNotZero();

        checkFullDiskFailure(pond, failure, committed, failing, files, List.copyOf(manyFiles.keySet()));
        growAndCheckTheNextCopyWorks(pond, disk, failing, manyFiles);
        messages.assertAll();
    }

    /**
     * A filler file leaves exactly K free blocks before each copy of a small file, for K = 0, 1, 2, …: the copy then
     * runs out of space in the oplog data file, in the commit JSON, or after the commit in the control record.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aDiskThatFillsAtEachStepOfACommitLosesNoCommittedTransaction() throws Exception {
        Path disk = mountTmpfs("disk", "2m");
        PondRunner pond = new PondRunner(disk.resolve("pond"));
        List<String[]> committed = initWithDirectory(pond, "/k");
        Map<String, Path> files = new LinkedHashMap<>();
        List<String[]> failed = new ArrayList<>();
        List<String> failedPaths = new ArrayList<>();

        int dataFailures = 0;
        int controlFailures = 0;
        int plainSuccesses = 0;
        List<String> story = new ArrayList<>();
        for (int k = 0; k <= 16; k++) {
            Path source = Files.writeString(dir.resolve("k" + k + ".txt"), "free blocks before this copy: " + k + "\n");
            String pondPath = "/k/" + source.getFileName();
            String[] copy = args("copy", source.toString(), "/k/");
            Path filler = fillLeaving(disk, k);
            PondRunner.Result result;
            try {
                result = pond.run(copy);
            } finally {
                Files.delete(filler);
            }
            story.add("K=" + k + ": exit " + result.exitCode() + ": " + result.stderr().strip());
            if (result.exitCode() == 0) {
                committed.add(copy);
                files.put(pondPath, source);
                if (result.stderr().contains("control record")) {
                    // Committed, but its control record is missing: the command says so and how to finish it.
                    controlFailures++;
                    messages.assertThat(result.stderr()).as("warning of a missing control record")
                            .contains("transaction").contains("pond recover");
                    Map<String, Object> status = Json.parseObject(ok(pond.run("status", "--format", "json")).out());
                    assertThat(status.get("needs_recover")).as("status after a lost control record").isEqualTo(true);
                } else {
                    plainSuccesses++;
                    assertThat(result.stderr()).contains("in transaction");
                }
            } else {
                dataFailures++;
                failed.add(copy);
                assertThat(result.exitCode()).as("a copy that ran out of space: %s", result).isEqualTo(1);
                checkMessage(result, pond.pond(), "out of space at K=" + k);
                failedPaths.add(pondPath);
            }
            if (result.exitCode() != 0 || result.stderr().contains("control record")) {
                PondRunner.Result recover = pond.run("recover");
                assertThat(recover.exitCode()).as("recover after K=%d: %s", k, recover).isZero();
            }
            if (controlFailures > 0 && plainSuccesses > 0 && dataFailures > 0) {
                break;
            }
        }
        System.out.println("DiskTroubleIT: a copy with K free blocks left:\n  " + String.join("\n  ", story));
        assertThat(dataFailures).as("copies that failed for space: %s", story).isPositive();
        assertThat(controlFailures).as("copies whose control record did not fit: %s", story).isPositive();
        assertThat(plainSuccesses).as("copies that fitted: %s", story).isPositive();

        // Every exit-0 copy is committed exactly once, in order (a lost control record completed by recovery);
        // the failed ones are not committed, and at most recorded as failed attempts.
        List<Map<String, Object>> log = log(pond, "--all");
        List<List<String>> committedCommands = new ArrayList<>();
        List<Object> txns = new ArrayList<>();
        for (Map<String, Object> entry : log) {
            List<String> command = (List<String>) entry.get("command");
            if ("committed".equals(entry.get("outcome"))) {
                committedCommands.add(0, command.subList(3, command.size()));
                txns.add(entry.get("txn"));
            } else {
                assertThat(entry.get("outcome")).isEqualTo("failed");
                assertThat(failed.stream().map(Arrays::asList).toList()).contains(command.subList(3, command.size()));
            }
        }
        assertThat(committedCommands).containsExactlyElementsOf(committed.stream().map(Arrays::asList).toList());
        assertThat(txns).containsExactlyElementsOf(descending(committed.size()));
        assertThat(readBackExactly(pond, files)).as("listed after the disk filled at each step")
                .doesNotContainAnyElementsOf(failedPaths);
        PondRunner.Result fsck = pond.run("fsck");
        assertThat(fsck.exitCode()).as("fsck after the disk filled at each step: %s", fsck).isZero();
        Path next = Files.writeString(dir.resolve("next.txt"), "room again");
        ok(pond.run("copy", next.toString(), "/k/"));
        assertThat(ok(pond.run("cat", "/k/next.txt")).out()).isEqualTo("room again");
        messages.assertAll();
    }

    /** After a copy failed for space: the message, the log, every earlier file, and nothing of the failed copy. */
    @SuppressWarnings("unchecked")
    private void checkFullDiskFailure(PondRunner pond, PondRunner.Result failure, List<String[]> committed,
            String[] failing, Map<String, Path> files, List<String> failedPaths) throws IOException {
        assertThat(failure.exitCode()).as("exit code of a copy onto a full disk: %s", failure).isEqualTo(1);
        checkMessage(failure, pond.pond(), "full disk");

        List<Map<String, Object>> all = log(pond, "--all");
        List<List<String>> committedCommands = new ArrayList<>();
        List<Map<String, Object>> failedAttempts = new ArrayList<>();
        for (Map<String, Object> entry : all) {
            List<String> command = (List<String>) entry.get("command");
            if ("committed".equals(entry.get("outcome"))) {
                committedCommands.add(0, command.subList(3, command.size()));
            } else {
                failedAttempts.add(entry);
            }
        }
        assertThat(committedCommands).as("committed transactions after a full disk")
                .containsExactlyElementsOf(committed.stream().map(Arrays::asList).toList());
        assertThat(failedAttempts).as("failed attempts (recorded only if there was room)").hasSizeLessThanOrEqualTo(1);
        for (Map<String, Object> attempt : failedAttempts) {
            List<String> command = (List<String>) attempt.get("command");
            assertThat(command.subList(3, command.size())).isEqualTo(Arrays.asList(failing));
            assertThat(attempt.get("txn")).isNull();
            messages.assertThat((String) attempt.get("message")).as("the failed attempt's message in pond log")
                    .containsIgnoringCase("space")
                    .doesNotContain("java.", "Exception");
        }

        assertThat(readBackExactly(pond, files)).as("nothing of the failed copy is visible")
                .doesNotContainAnyElementsOf(failedPaths);
    }

    /** Grows the tmpfs, then recover and fsck are clean and the copy that failed goes through. */
    private void growAndCheckTheNextCopyWorks(PondRunner pond, Path disk, String[] failing, Map<String, Path> expected)
            throws Exception {
        remount(disk, "size=32m");
        PondRunner.Result recover = pond.run("recover");
        assertThat(recover.exitCode()).as("recover after the disk grew: %s", recover).isZero();
        PondRunner.Result fsck = pond.run("fsck");
        assertThat(fsck.exitCode()).as("fsck after recover: %s", fsck).isZero();
        PondRunner.Result again = pond.run(failing);
        assertThat(again.exitCode()).as("the same copy with room: %s", again).isZero();
        readBackExactly(pond, sample(expected), expected.keySet());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // b. A read-only disk

    @Test
    void aReadOnlyPondServesEveryReadAndRefusesEveryWriteWithoutChangingAnything() throws Exception {
        Path disk = mountTmpfs("disk", "16m");
        PondRunner pond = new PondRunner(disk.resolve("pond"));
        ok(pond.run("init"));
        ok(pond.run("mkdir", "-p", "/ro/sub"));
        Path small = Files.writeString(dir.resolve("small.txt"), "small and inline\n");
        Path big = PondRunner.randomFile(dir.resolve("big.bin"), 200_000, 7);
        Path csv = Files.writeString(dir.resolve("t.table"), "ts,v\n2026-01-01T00:00:00Z,1\n2026-01-02T00:00:00Z,2\n");
        ok(pond.run("copy", small.toString(), big.toString(), "host+csv:///" + csv, "/ro/"));
        // The cache is disposable: without it, reads of the table must write their derived copy elsewhere.
        CrashLoop.deleteTree(pond.pond().resolve("cache"));

        List<PondRunner.Result> before = parallel(pond, args("list", "-l", "/**"), args("log", "--all"));
        String listBefore = ok(before.get(0)).out();
        String logBefore = ok(before.get(1)).out();
        Map<String, Long> filesBefore = filesOf(pond.pond());
        Path out = Files.createDirectories(dir.resolve("out"));

        remount(disk, "ro");
        try {
            // Every read works.
            List<String[]> reads = List.of(
                    args("list", "-l", "/**"),
                    args("list", "/**", "--format", "jsonl"),
                    args("cat", "/ro/small.txt"),
                    args("cat", "/ro/big.bin"),
                    args("cat", "/ro/t.table", "--sql", "SELECT sum(v) AS total FROM source", "--format", "csv"),
                    args("describe", "/ro/*", "--format", "jsonl"),
                    args("log", "--all"),
                    args("status"),
                    args("query", "SELECT count(*) AS n FROM pond.nodes", "--format", "csv"),
                    args("fsck"),
                    args("copy", "/ro/*", "host://" + out));
            List<PondRunner.Result> done = parallel(pond, reads.toArray(String[][]::new));
            for (int i = 0; i < reads.size(); i++) {
                PondRunner.Result result = done.get(i);
                assertThat(result.exitCode()).as("pond %s on a read-only pond: %s", String.join(" ", reads.get(i)),
                        result).isZero();
                assertThat(result.stderr()).doesNotContain("Exception", "\tat ");
            }
            assertThat(done.get(0).out()).isEqualTo(listBefore);
            assertThat(done.get(1).lines()).hasSize(5);
            assertThat(done.get(2).stdout()).isEqualTo(Files.readAllBytes(small));
            assertThat(done.get(3).stdout()).isEqualTo(Files.readAllBytes(big));
            assertThat(done.get(4).out()).isEqualTo("total\n3\n");
            assertThat(done.get(5).lines()).hasSize(4);
            assertThat(done.get(6).out()).isEqualTo(logBefore);
            assertThat(done.get(7).out()).containsPattern("needs recover: +false");
            assertThat(done.get(8).out()).startsWith("n\n");
            assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(Files.readAllBytes(big));

            // Every write fails cleanly.
            Path another = Files.writeString(dir.resolve("another.txt"), "not to be written");
            List<String[]> writes = List.of(
                    args("mkdir", "/new"),
                    args("copy", another.toString(), big.toString(), "/ro/"),
                    args("rm", "/ro/small.txt"),
                    args("mv", "/ro/small.txt", "/moved.txt"),
                    args("recover"),
                    args("maintain"));
            List<PondRunner.Result> refused = parallel(pond, writes.toArray(String[][]::new));
            for (int i = 0; i < writes.size(); i++) {
                String write = String.join(" ", writes.get(i));
                PondRunner.Result result = refused.get(i);
                assertThat(result.exitCode()).as("pond %s on a read-only pond: %s", write, result).isEqualTo(1);
                checkMessage(result, pond.pond(), "read-only: " + write);
                messages.assertThat(result.stderr()).as("pond %s on a read-only pond", write)
                        .containsIgnoringCase("read-only");
            }
        } finally {
            remount(disk, "rw");
        }

        assertThat(filesOf(pond.pond())).as("the pond's files after the read-only spell").isEqualTo(filesBefore);
        List<PondRunner.Result> after = parallel(pond, args("list", "-l", "/**"), args("log", "--all"), args("fsck"));
        assertThat(ok(after.get(0)).out()).isEqualTo(listBefore);
        assertThat(ok(after.get(1)).out()).isEqualTo(logBefore);
        assertThat(after.get(2).exitCode()).as("fsck after read-only: %s", after.get(2)).isZero();
        ok(pond.run("mkdir", "/after"));
        messages.assertAll();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // c. Files deleted under the pond's feet

    @Test
    void aDeletedDataFileFailsOnlyItsReadersAndFsckNamesIt() throws Exception {
        Victims v = pondWithVictims();
        PondRunner pond = v.pond();
        Map<String, Map<String, Object>> listed = listJsonl(pond, "/**");
        String victimDir = (String) listed.get("/victim").get("node_id");
        long txn = (Long) listed.get("/victim/v.txt").get("txn_seq");
        Path dataFile;
        try (Stream<Path> s = Files.list(pond.pond().resolve("data/part_id=" + victimDir))) {
            dataFile = s.filter(p -> p.getFileName().toString().startsWith(String.format("part-%020d-", txn)))
                    .findFirst().orElseThrow();
        }
        byte[] saved = Files.readAllBytes(dataFile);
        Files.delete(dataFile);

        List<PondRunner.Result> results = parallel(pond,
                args("cat", "/victim/v.txt"),
                args("fsck"),
                args("recover"));
        PondRunner.Result cat = results.get(0);
        assertThat(cat.exitCode()).as("cat of a file whose data file is gone: %s", cat).isEqualTo(1);
        assertThat(cat.stderr()).doesNotContain("internal error");
        checkMessage(cat, pond.pond(), "missing data file");
        messages.assertThat(cat.stderr()).as("cat of a file whose data file is gone")
                .containsAnyOf("orrupt", "missing").contains(dataFile.getFileName().toString());
        PondRunner.Result fsck = results.get(1);
        assertThat(fsck.exitCode()).as("fsck with a data file gone: %s", fsck).isEqualTo(1);
        assertThat(fsck.out() + fsck.stderr()).as("fsck names the missing file")
                .contains(pond.pond().relativize(dataFile).toString());
        checkRecoverIsHonest(results.get(2), "recover with a data file gone");
        v.unaffectedStillRead();

        // Put back, the pond is whole again: it was that file and nothing else.
        Files.write(dataFile, saved);
        List<PondRunner.Result> whole = parallel(pond, args("cat", "/victim/v.txt"), args("fsck"));
        assertThat(ok(whole.get(0)).out()).isEqualTo("the victim\n");
        assertThat(whole.get(1).exitCode()).as("fsck with the data file back: %s", whole.get(1)).isZero();
        messages.assertAll();
    }

    @Test
    void aDeletedLargeFileFailsOnlyItsReadersAndFsckNamesIt() throws Exception {
        Victims v = pondWithVictims();
        PondRunner pond = v.pond();
        String sha = PondRunner.sha256(v.victimBig());
        Path large = pond.pond().resolve("data/_large_files").resolve(sha.substring(0, 2)).resolve(sha);
        assertThat(large).exists();
        Files.delete(large);

        Path out = Files.createDirectories(dir.resolve("out"));
        List<PondRunner.Result> results = parallel(pond,
                args("cat", "/victim/big.bin"),
                args("copy", "/victim/big.bin", "host://" + out),
                args("cat", "/victim/v.txt"),
                args("fsck"),
                args("recover"));
        PondRunner.Result cat = results.get(0);
        assertThat(cat.exitCode()).as("cat of a large file that is gone: %s", cat).isEqualTo(1);
        assertThat(cat.stderr()).doesNotContain("internal error");
        checkMessage(cat, pond.pond(), "missing large file");
        messages.assertThat(cat.stderr()).as("cat of a large file that is gone")
                .containsAnyOf("orrupt", "missing").contains(sha);
        // Copying it out fails too, and leaves nothing half-written in the destination.
        PondRunner.Result copyOut = results.get(1);
        assertThat(copyOut.exitCode()).as("copy out of a large file that is gone: %s", copyOut).isEqualTo(1);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.toList()).as("host files left by a failed copy out").isEmpty();
        }
        assertThat(ok(results.get(2)).out()).as("the small file beside it").isEqualTo("the victim\n");
        PondRunner.Result fsck = results.get(3);
        assertThat(fsck.exitCode()).as("fsck with a large file gone: %s", fsck).isEqualTo(1);
        assertThat(fsck.out() + fsck.stderr()).as("fsck names the missing file")
                .contains(pond.pond().relativize(large).toString());
        checkRecoverIsHonest(results.get(4), "recover with a large file gone");
        v.unaffectedStillRead();
        messages.assertAll();
    }

    @Test
    void aDeletedCacheIsHarmless() throws Exception {
        Victims v = pondWithVictims();
        PondRunner pond = v.pond();
        ok(pond.run("cat", "/keep/t.table", "--sql", "SELECT 1 FROM source", "--format", "csv"));
        Path cache = pond.pond().resolve("cache");
        try (Stream<Path> cached = Files.list(cache)) {
            assertThat(cached.count()).as("cache entries to delete").isPositive();
        }
        CrashLoop.deleteTree(cache);

        List<PondRunner.Result> results = parallel(pond,
                args("cat", "/victim/v.txt"),
                args("cat", "/victim/big.bin"),
                args("list", "-l", "/**"),
                args("describe", "/keep/*"),
                args("fsck"));
        assertThat(ok(results.get(0)).out()).isEqualTo("the victim\n");
        assertThat(ok(results.get(1)).stdout()).isEqualTo(Files.readAllBytes(v.victimBig()));
        ok(results.get(2));
        ok(results.get(3));
        assertThat(results.get(4).exitCode()).as("fsck without a cache: %s", results.get(4)).isZero();
        v.unaffectedStillRead();
        // Gone again, under a writer this time.
        CrashLoop.deleteTree(cache);
        Path later = Files.writeString(dir.resolve("later.txt"), "written after the cache went");
        ok(pond.run("copy", later.toString(), "/keep/"));
        List<PondRunner.Result> after = parallel(pond,
                args("cat", "/keep/later.txt"),
                args("cat", "/keep/t.table", "--sql", "SELECT sum(v) AS total FROM source", "--format", "csv"),
                args("fsck"));
        assertThat(ok(after.get(0)).out()).isEqualTo("written after the cache went");
        assertThat(ok(after.get(1)).out()).isEqualTo("total\n3\n");
        assertThat(after.get(2).exitCode()).as("fsck after a write without a cache: %s", after.get(2)).isZero();
        messages.assertAll();
    }

    /** A pond with a small, a large and a table file in /keep, and a small and a large file in /victim. */
    private record Victims(PondRunner pond, Path small, Path big, Path victimBig) {
        void unaffectedStillRead() throws IOException {
            List<PondRunner.Result> results = parallel(pond,
                    args("cat", "/keep/small.txt"),
                    args("cat", "/keep/big.bin"),
                    args("cat", "/keep/t.table", "--sql", "SELECT sum(v) AS total FROM source", "--format", "csv"));
            assertThat(ok(results.get(0)).stdout()).isEqualTo(Files.readAllBytes(small));
            assertThat(ok(results.get(1)).stdout()).isEqualTo(Files.readAllBytes(big));
            assertThat(ok(results.get(2)).out()).isEqualTo("total\n3\n");
        }
    }

    private Victims pondWithVictims() throws Exception {
        Path disk = mountTmpfs("disk", "16m");
        PondRunner pond = new PondRunner(disk.resolve("pond"));
        ok(pond.run("init"));
        ok(pond.run("mkdir", "/keep", "/victim"));
        Path small = Files.writeString(dir.resolve("small.txt"), "small and inline\n");
        Path big = PondRunner.randomFile(dir.resolve("big.bin"), 300_000, 11);
        Path csv = Files.writeString(dir.resolve("t.table"), "ts,v\n2026-01-01T00:00:00Z,1\n2026-01-02T00:00:00Z,2\n");
        Path victim = Files.writeString(dir.resolve("v.txt"), "the victim\n");
        Path victimBig = PondRunner.randomFile(Files.createDirectories(dir.resolve("v")).resolve("big.bin"), 200_000, 12);
        ok(pond.run("copy", small.toString(), big.toString(), "host+csv:///" + csv, "/keep/"));
        ok(pond.run("copy", victim.toString(), victimBig.toString(), "/victim/"));
        return new Victims(pond, small, big, victimBig);
    }

    /** Recover cannot bring back lost data; it must fail clearly or at least not call the pond "in order". */
    private void checkRecoverIsHonest(PondRunner.Result recover, String what) {
        if (recover.exitCode() == 0) {
            messages.assertThat(recover.stderr() + recover.out()).as("%s (exit 0) must not call the pond whole", what)
                    .doesNotContain("in order");
        } else {
            assertThat(recover.exitCode()).as("%s: %s", what, recover).isEqualTo(1);
            checkMessage(recover, null, what);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers

    /**
     * A failure message as docs/cli.md promises: one line {@code pond: PROBLEM: CAUSE (FIX)}, no stack trace, no
     * internal error; for running out of space, it says so and names where (the pond).
     */
    private void checkMessage(PondRunner.Result result, Path pond, String what) {
        String err = result.stderr();
        assertThat(err).as("%s: stderr has no stack trace", what).doesNotContain("\tat ", "Exception in thread");
        messages.assertThat(err).as("%s: the error is pond's", what).startsWith("pond: ")
                .doesNotContain("internal error");
        messages.assertThat(err.strip().lines().count()).as("%s: the error is one line, not: %s", what, err)
                .isEqualTo(1L);
        messages.assertThat(err).as("%s: internal SQL in the message", what).doesNotContain("LINE 1:", "SELECT ");
        if (what.startsWith("full disk") || what.startsWith("out of space")) {
            messages.assertThat(err).as("%s: says the disk is full", what).containsIgnoringCase("space");
            messages.assertThat(err).as("%s: names where (the pond %s): %s", what, pond, err)
                    .contains(pond.toString());
        }
    }

    /** Every file reads back byte-exact through {@code pond cat}; returns {@code pond list /**}, which shows them. */
    private static List<String> readBackExactly(PondRunner pond, Map<String, Path> files) throws IOException {
        return readBackExactly(pond, files, files.keySet());
    }

    /** The files read back byte-exact and {@code listed} are all listed; returns {@code pond list /**}. */
    private static List<String> readBackExactly(PondRunner pond, Map<String, Path> files,
            java.util.Collection<String> listed) throws IOException {
        List<String[]> commands = new ArrayList<>();
        commands.add(args("list", "/**"));
        files.keySet().forEach(path -> commands.add(args("cat", path)));
        List<PondRunner.Result> results = parallel(pond, commands.toArray(String[][]::new));
        int i = 1;
        for (Map.Entry<String, Path> file : files.entrySet()) {
            assertThat(ok(results.get(i++)).stdout()).as("pond cat %s", file.getKey())
                    .isEqualTo(Files.readAllBytes(file.getValue()));
        }
        List<String> all = ok(results.get(0)).lines();
        assertThat(all).containsAll(listed);
        return all;
    }

    /** Makes the pond and one directory in it; returns the commands committed so far, for the checks after a failure. */
    private static List<String[]> initWithDirectory(PondRunner pond, String directory) {
        List<String[]> committed = new ArrayList<>();
        for (String[] command : List.of(args("init"), args("mkdir", directory))) {
            ok(pond.run(command));
            committed.add(command);
        }
        return committed;
    }

    private static String[] args(String... args) {
        return args;
    }

    private static List<Long> descending(int count) {
        List<Long> txns = new ArrayList<>();
        for (long t = count - 1; t >= 0; t--) {
            txns.add(t);
        }
        return txns;
    }

    private static <K, V> Map<K, V> sample(Map<K, V> all) {
        List<Map.Entry<K, V>> entries = new ArrayList<>(all.entrySet());
        Map<K, V> some = new LinkedHashMap<>();
        for (int i : new int[] {0, entries.size() / 2, entries.size() - 1}) {
            some.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
        return some;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> log(PondRunner pond, String... extra) {
        List<String> args = new ArrayList<>(List.of("log", "--format", "jsonl"));
        args.addAll(List.of(extra));
        return ok(pond.run(args.toArray(String[]::new))).lines().stream()
                .map(l -> (Map<String, Object>) Json.parse(l)).toList();
    }

    /** Path to entry of a {@code list PATTERN --format jsonl}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> listJsonl(PondRunner pond, String pattern) {
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        for (String line : ok(pond.run("list", pattern, "--format", "jsonl")).lines()) {
            Map<String, Object> e = (Map<String, Object>) Json.parse(line);
            entries.put((String) e.get("path"), e);
        }
        return entries;
    }

    /**
     * Runs independent pond commands two at a time (the test machine has two cores), results in order. Each one's
     * stdout goes to a file, so no process ever waits for its output to be read.
     */
    static List<PondRunner.Result> parallel(PondRunner pond, String[]... commands) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<PondRunner.Result>> futures = new ArrayList<>();
            for (String[] command : commands) {
                futures.add(pool.submit(() -> {
                    Path stdout = Files.createTempFile("pond-out", ".bin");
                    try {
                        PondRunner.Result r = pond.run(null, stdout, command);
                        return new PondRunner.Result(r.exitCode(), Files.readAllBytes(stdout), r.stderr());
                    } finally {
                        Files.deleteIfExists(stdout);
                    }
                }));
            }
            List<PondRunner.Result> results = new ArrayList<>();
            for (Future<PondRunner.Result> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every file of the pond directory with its size (the writer lock's holder line aside). */
    private static Map<String, Long> filesOf(Path pond) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(pond)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(pond.relativize(p).toString(), p.getFileName().toString().equals("lock") ? 0 : Files.size(p));
            }
        }
        return files;
    }

    /** Writes a filler file on the tmpfs so that exactly {@code blocks} blocks stay free. */
    private static Path fillLeaving(Path disk, long blocks) throws IOException {
        FileStore store = Files.getFileStore(disk);
        long block = store.getBlockSize();
        long size = store.getUsableSpace() - blocks * block;
        Path filler = disk.resolve("filler");
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long left = size; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        }
        assertThat(store.getUsableSpace()).as("free space after the filler").isEqualTo(blocks * block);
        return filler;
    }

    private Path mountTmpfs(String name, String size) throws Exception {
        Path mount = Files.createDirectories(dir.resolve(name));
        exec("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", mount.toString());
        mounts.add(mount);
        return mount;
    }

    private static void remount(Path mount, String options) throws Exception {
        exec("mount", "-o", "remount," + options, mount.toString());
    }

    private static void unmount(Path mount) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (run("umount", mount.toString()).exitCode() == 0) {
                return;
            }
            Thread.sleep(200);
        }
        PondRunner.Result lazy = run("umount", "-l", mount.toString());
        assertThat(lazy.exitCode()).as("umount -l %s: %s", mount, lazy).isZero();
    }

    private static String exec(String... command) throws Exception {
        PondRunner.Result result = run(command);
        assertThat(result.exitCode()).as("%s: %s", String.join(" ", command), result).isZero();
        return result.out();
    }

    private static PondRunner.Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            return new PondRunner.Result(process.exitValue(), out, new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
