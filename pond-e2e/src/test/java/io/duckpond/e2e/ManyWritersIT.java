package io.duckpond.e2e;

import static io.duckpond.e2e.CrashLoop.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.tlogfs.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight writer processes and eight reader processes on one pond for a bounded time ({@code -Dmany.seconds}, 30 by
 * default; a script can run it longer). Writers copy small and large files in pairs (into a shared directory and their
 * own), make directories and now and then remove a pair; six wait a few seconds for the lock, two not at all. Readers
 * list, cat and log without pause.
 *
 * <p>Every copy writes a PAIR of files in one command, {@code p-W-I-a.txt} and {@code p-W-I-b.bin}, or a new version
 * of the writer's {@code cur-a.txt} and {@code cur-b.bin}, both carrying the same token. A transaction is whole
 * exactly when a reader's one {@code list} shows each pair completely or not at all, with both files at the same
 * transaction (and the {@code cur} files at the same version), and {@code cat --at-txn} of both shows the same token.
 */
class ManyWritersIT {

    private static final int WRITERS = 8;
    private static final int READERS = 8;
    private static final int IMPATIENT = 2;
    private static final String PATIENT_WAIT = "3";
    private static final Pattern PAIR = Pattern.compile("(.*)/p-(\\d+)-(\\d+)-([ab])\\.(txt|bin)");
    private static final Pattern CUR = Pattern.compile("/w(\\d+)/cur-([ab])\\.(txt|bin)");

    @TempDir
    Path dir;

    /** One write a writer ran and how it ended. */
    record Write(int writer, String kind, String[] args, int exitCode, String stderr) {}

    /** A pair that a copy committed (exit 0): its pond paths and host sources; {@code done} when the copy exited. */
    record Pair(String a, String b, Path hostA, Path hostB, boolean removable, long done) {}

    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final List<Pair> stable = new CopyOnWriteArrayList<>();
    private final Map<String, Pair> removable = new ConcurrentHashMap<>();
    private final Map<String, Pair> removed = new ConcurrentHashMap<>();
    private final Map<Integer, Pair> latestCur = new ConcurrentHashMap<>();
    private final List<String> madeDirectories = new CopyOnWriteArrayList<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> problemCounts = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger pairChecks = new AtomicInteger();
    private final AtomicInteger wholePairsSeen = new AtomicInteger();

    @Test
    void manyWritersAndReadersKeepEveryTransactionWholeAndEveryCommitIntact() throws Exception {
        long seconds = Long.getLong("many.seconds", 30);
        long seed = Long.getLong("many.seed", System.nanoTime());
        PondRunner pond = new PondRunner(dir.resolve("pond"));
        ok(pond.run("init"));
        List<String> mkdirs = new ArrayList<>(List.of("mkdir", "/shared"));
        for (int w = 0; w < WRITERS; w++) {
            mkdirs.add("/w" + w);
        }
        ok(pond.run(mkdirs.toArray(String[]::new)));
        int setupTransactions = 2;

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(thread("writer-" + w, () -> writer(pond, writer, new Random(seed * 31 + writer), deadline)));
        }
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            readers.add(thread("reader-" + r,
                    () -> reader(pond, reader, new Random(seed * 37 + reader), writers, deadline)));
        }
        for (Thread t : writers) {
            t.join();
        }
        for (Thread t : readers) {
            t.join();
        }

        int ok = 0;
        int busy = 0;
        Map<String, Integer> kinds = new HashMap<>();
        for (Write write : writes) {
            if (write.exitCode() == 0) {
                ok++;
                kinds.merge(write.kind(), 1, Integer::sum);
            } else if (write.exitCode() == 75) {
                busy++;
            }
        }
        List<Map<String, Object>> log = log(pond);
        checkLogOrder(log);
        System.out.printf("ManyWritersIT (seed %d, %d s): %d writes: %d committed %s, of which %d waited for the lock"
                + " (started before the transaction before them ended); %d busy (exit 75); %d reads (%d lists"
                + " checked, %d whole pairs seen in them)%n", seed, seconds, writes.size(), ok, kinds, waited(log), busy,
                reads.get(), pairChecks.get(), wholePairsSeen.get() / 2);
        problems.forEach(p -> System.out.println("ManyWritersIT problem: " + p));
        assertThat(ok).as("committed writes").isPositive();
        assertThat(reads.get()).as("reads").isGreaterThanOrEqualTo(READERS);

        // The last reads, two at a time: fsck, the whole tree, every file out to the host, a few files through cat.
        Path out = Files.createDirectories(dir.resolve("out"));
        List<Pair> sample = new ArrayList<>(stable);
        Collections.shuffle(sample, new Random(seed));
        sample = sample.subList(0, Math.min(2, sample.size()));
        List<String[]> last = new ArrayList<>(List.of(
                new String[] {"fsck"},
                new String[] {"list", "/**", "--format", "jsonl"},
                new String[] {"copy", "/**", "host://" + out}));
        sample.forEach(pair -> last.add(new String[] {"cat", pair.b()}));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<PondRunner.Result>> running = new ArrayList<>();
        for (String[] args : last) {
            running.add(pool.submit(() -> quietRun(pond, args)));
        }
        List<PondRunner.Result> results = new ArrayList<>();
        for (Future<PondRunner.Result> f : running) {
            results.add(f.get());
        }
        pool.shutdown();

        // The pond is sound.
        PondRunner.Result fsck = results.get(0);
        assertThat(fsck.exitCode()).as("fsck after the run: %s", fsck).isZero();

        // Every exit-0 write is there, exactly once, and nothing else.
        checkLog(log, setupTransactions);

        // Every exit-0 write's effect is there with the exact bytes; removed pairs are gone.
        Map<String, Map<String, Object>> listed = new HashMap<>();
        for (String line : ok(results.get(1)).lines()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) Json.parse(line);
            listed.put((String) entry.get("path"), entry);
        }
        ok(results.get(2));
        List<Pair> present = new ArrayList<>(stable);
        present.addAll(removable.values());
        present.addAll(latestCur.values());
        for (Pair pair : present) {
            for (String path : List.of(pair.a(), pair.b())) {
                assertThat(listed).as("committed %s", path).containsKey(path);
            }
            assertThat(Files.readAllBytes(out.resolve(pair.a().substring(1))))
                    .as(pair.a()).isEqualTo(Files.readAllBytes(pair.hostA()));
            assertThat(PondRunner.sha256(out.resolve(pair.b().substring(1))))
                    .as(pair.b()).isEqualTo(PondRunner.sha256(pair.hostB()));
        }
        for (Pair pair : removed.values()) {
            assertThat(listed).as("removed").doesNotContainKeys(pair.a(), pair.b());
        }
        for (String made : madeDirectories) {
            assertThat(listed).as("made directory").containsKey(made);
            assertThat(listed.get(made).get("type")).isEqualTo("directory");
        }
        for (int i = 0; i < sample.size(); i++) {
            assertThat(ok(results.get(3 + i)).stdout()).as("pond cat %s", sample.get(i).b())
                    .isEqualTo(Files.readAllBytes(sample.get(i).hostB()));
        }

        // What the readers saw while it ran.
        assertThat(problems).as("problems seen during the run (seed %d), how many of each: %s", seed, problemCounts)
                .isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // writers

    private void writer(PondRunner pond, int w, Random random, long deadline) {
        String wait = w < WRITERS - IMPATIENT ? PATIENT_WAIT : "0";
        try {
            for (int i = 0; System.nanoTime() < deadline; i++) {
                Path host = Files.createDirectories(dir.resolve("host").resolve("w" + w).resolve("op" + i));
                int dice = random.nextInt(20);
                if (dice < 11) {
                    String dest = random.nextBoolean() ? "/shared" : "/w" + w;
                    String name = "p-" + w + "-" + i;
                    Path a = Files.writeString(host.resolve(name + "-a.txt"), "token " + w + "-" + i + " a\n");
                    Path b = content(host.resolve(name + "-b.bin"), w, i, random);
                    String[] args = {"--wait", wait, "copy", a.toString(), b.toString(), dest};
                    if (run(pond, w, "copy", args).exitCode() == 0) {
                        Pair pair = new Pair(dest + "/" + name + "-a.txt", dest + "/" + name + "-b.bin", a, b,
                                dest.equals("/w" + w) && random.nextInt(3) == 0, System.nanoTime());
                        if (pair.removable()) {
                            removable.put(pair.a(), pair);
                        } else {
                            stable.add(pair);
                        }
                    }
                } else if (dice < 15) {
                    Path a = Files.writeString(host.resolve("cur-a.txt"), "token " + w + "-" + i + " cur a\n");
                    Path b = content(host.resolve("cur-b.bin"), w, i, random);
                    String[] args = {"--wait", wait, "copy", a.toString(), b.toString(), "/w" + w};
                    if (run(pond, w, "version", args).exitCode() == 0) {
                        latestCur.put(w, new Pair("/w" + w + "/cur-a.txt", "/w" + w + "/cur-b.bin", a, b, false,
                                System.nanoTime()));
                    }
                } else if (dice < 18 || removable.isEmpty()) {
                    String made = (random.nextBoolean() ? "/shared/d-" : "/w" + w + "/d-") + w + "-" + i;
                    String[] args = {"--wait", wait, "mkdir", "-p", made + "/sub"};
                    if (run(pond, w, "mkdir", args).exitCode() == 0) {
                        madeDirectories.add(made);
                        madeDirectories.add(made + "/sub");
                    }
                } else {
                    Pair victim = removable.values().stream().filter(p -> p.a().startsWith("/w" + w + "/"))
                            .findFirst().orElse(null);
                    if (victim == null) {
                        continue;
                    }
                    // Whatever the outcome, this pair is never removed again: each command line is unique.
                    removable.remove(victim.a());
                    String[] args = {"--wait", wait, "rm", victim.a(), victim.b()};
                    if (run(pond, w, "rm", args).exitCode() == 0) {
                        removed.put(victim.a(), victim);
                    } else {
                        stable.add(victim);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            problem("writer broke", "writer " + w + ": " + e);
        }
    }

    /** Small (inline) or large (at least 64 KiB, stored apart) bytes that start with the op's token. */
    private static Path content(Path file, int w, int i, Random random) throws IOException {
        byte[] token = ("token " + w + "-" + i + " b\n").getBytes();
        int size = random.nextInt(3) == 0 ? 65_536 + random.nextInt(200_000) : 100 + random.nextInt(3_000);
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        System.arraycopy(token, 0, bytes, 0, token.length);
        return Files.write(file, bytes);
    }

    private PondRunner.Result run(PondRunner pond, int w, String kind, String[] args) throws IOException {
        PondRunner.Result result = quietRun(pond, args);
        writes.add(new Write(w, kind, args, result.exitCode(), result.stderr()));
        if (result.exitCode() == 75) {
            if (!(result.stderr().contains("Pond is busy") && result.stderr().contains("pid "))) {
                problem("exit 75 without naming the holder", "pond " + String.join(" ", args) + ": " + result);
            }
        } else if (result.exitCode() != 0) {
            problem("writer failed", "writer " + w + ": pond " + String.join(" ", args) + ": " + result);
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // readers

    private void reader(PondRunner pond, int r, Random random, List<Thread> writers, long deadline) {
        Map<Integer, Long> lastCurTxn = new HashMap<>();
        try {
            while (System.nanoTime() < deadline && writers.stream().anyMatch(Thread::isAlive)) {
                int kind = random.nextInt(4);
                if (kind <= 1) {
                    listIsWhole(pond, lastCurTxn);
                } else if (kind == 2) {
                    catIsExact(pond, random, lastCurTxn);
                } else {
                    logIsWhole(pond);
                }
            }
        } catch (IOException | RuntimeException e) {
            problem("reader broke", "reader " + r + ": " + e);
        }
    }

    /** One list: each pair whole, at one transaction; every pair committed before it started is there. */
    private void listIsWhole(PondRunner pond, Map<Integer, Long> lastCurTxn) throws IOException {
        long started = System.nanoTime();
        List<Pair> mustSee = stable.stream().filter(p -> p.done() < started).toList();
        PondRunner.Result list = read(pond, "list", "-l", "/**", "--format", "jsonl");
        if (list == null) {
            return;
        }
        Map<String, Map<String, Object>> entries = new HashMap<>();
        for (String line : list.lines()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) Json.parse(line);
            entries.put((String) entry.get("path"), entry);
        }
        for (Map.Entry<String, Map<String, Object>> e : entries.entrySet()) {
            String path = e.getKey();
            Matcher pair = PAIR.matcher(path);
            Matcher cur = CUR.matcher(path);
            String partner = null;
            if (pair.matches()) {
                partner = pair.group(1) + "/p-" + pair.group(2) + "-" + pair.group(3)
                        + (pair.group(4).equals("a") ? "-b.bin" : "-a.txt");
            } else if (cur.matches()) {
                partner = "/w" + cur.group(1) + (cur.group(2).equals("a") ? "/cur-b.bin" : "/cur-a.txt");
            }
            if (partner == null) {
                continue;
            }
            Map<String, Object> other = entries.get(partner);
            if (other == null) {
                problem("half a transaction", path + " without " + partner + " in one list:\n" + list.out());
            } else if (!e.getValue().get("txn_seq").equals(other.get("txn_seq"))
                    || !e.getValue().get("version").equals(other.get("version"))) {
                problem("a pair from different transactions", e.getValue() + " and " + other);
            } else {
                wholePairsSeen.incrementAndGet();
                if (cur.matches()) {
                    lastCurTxn.put(Integer.parseInt(cur.group(1)), (Long) other.get("txn_seq"));
                }
            }
        }
        for (Pair p : mustSee) {
            if (!entries.containsKey(p.a()) || !entries.containsKey(p.b())) {
                problem("committed before the list started, but not listed", p.a());
            }
        }
        pairChecks.incrementAndGet();
    }

    /** A committed file's bytes; and both files of a writer's {@code cur} pair as of one transaction agree. */
    private void catIsExact(PondRunner pond, Random random, Map<Integer, Long> lastCurTxn) throws IOException {
        List<Pair> known = List.copyOf(stable);
        if (!known.isEmpty()) {
            Pair pair = known.get(random.nextInt(known.size()));
            boolean a = random.nextBoolean();
            PondRunner.Result cat = read(pond, "cat", a ? pair.a() : pair.b());
            if (cat != null && !Arrays.equals(cat.stdout(), Files.readAllBytes(a ? pair.hostA() : pair.hostB()))) {
                problem("cat not byte-exact", "pond cat " + (a ? pair.a() : pair.b()) + " is not what was copied");
            }
        }
        if (!lastCurTxn.isEmpty()) {
            List<Integer> ws = List.copyOf(lastCurTxn.keySet());
            int w = ws.get(random.nextInt(ws.size()));
            String txn = String.valueOf(lastCurTxn.get(w));
            PondRunner.Result curA = read(pond, "cat", "--at-txn", txn, "/w" + w + "/cur-a.txt");
            PondRunner.Result curB = read(pond, "cat", "--at-txn", txn, "/w" + w + "/cur-b.bin");
            if (curA != null && curB != null) {
                String tokenA = curA.out().substring(0, curA.out().indexOf(" cur a") + 1);
                String tokenB = new String(curB.stdout(), 0, Math.min(curB.stdout().length, tokenA.length()),
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                if (!tokenA.equals(tokenB)) {
                    problem("a pair with different tokens", "/w" + w + "/cur-a.txt and cur-b.bin at txn " + txn
                            + ": " + tokenA + " / " + tokenB);
                }
            }
        }
    }

    /** The committed log: numbered without gaps, newest first, every entry committed. */
    private void logIsWhole(PondRunner pond) {
        PondRunner.Result log = read(pond, "log", "--format", "jsonl");
        if (log == null) {
            return;
        }
        List<Object> txns = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        for (String line : log.lines()) {
            Map<String, Object> entry = Json.parseObject(line);
            txns.add(entry.get("txn"));
            if (!"committed".equals(entry.get("outcome"))) {
                problem("pond log shows an entry that is not committed", line);
            }
        }
        for (long t = txns.size() - 1; t >= 0; t--) {
            expected.add(t);
        }
        if (!txns.equals(expected)) {
            problem("pond log is not every transaction once, newest first", "txns in the order shown: " + txns);
        }
    }

    /** A read that must succeed; null (and a problem noted) if it did not. */
    private PondRunner.Result read(PondRunner pond, String... args) {
        PondRunner.Result result;
        try {
            result = quietRun(pond, args);
        } catch (IOException e) {
            problem("reader could not run pond", String.join(" ", args) + ": " + e);
            return null;
        }
        reads.incrementAndGet();
        if (result.exitCode() != 0) {
            problem("reader failed", "pond " + String.join(" ", args) + ": " + result);
            return null;
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // after the run

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> log(PondRunner pond) {
        return ok(pond.run("log", "--all", "--format", "jsonl")).lines().stream()
                .map(l -> (Map<String, Object>) Json.parse(l)).toList();
    }

    /** docs/cli.md: "committed transactions, newest first" (failed attempts aside). */
    private void checkLogOrder(List<Map<String, Object>> log) {
        List<Long> order = new ArrayList<>();
        for (Map<String, Object> entry : log) {
            if ("committed".equals(entry.get("outcome"))) {
                order.add((Long) entry.get("txn"));
            }
        }
        List<Long> newestFirst = new ArrayList<>(order);
        newestFirst.sort(Collections.reverseOrder());
        if (!order.equals(newestFirst)) {
            problem("pond log is not every transaction once, newest first", "pond log --all after the run: " + order);
        }
    }

    /** Committed transactions whose command started before the one numbered just before it ended. */
    private static int waited(List<Map<String, Object>> log) {
        Map<Long, Map<String, Object>> byTxn = new HashMap<>();
        for (Map<String, Object> entry : log) {
            if (entry.get("txn") != null) {
                byTxn.put((Long) entry.get("txn"), entry);
            }
        }
        int waited = 0;
        for (long t = 1; byTxn.containsKey(t); t++) {
            if (Instant.parse((String) byTxn.get(t).get("start"))
                    .isBefore(Instant.parse((String) byTxn.get(t - 1).get("end")))) {
                waited++;
            }
        }
        return waited;
    }

    /** Exactly one committed log entry per exit-0 write (and the setup), none for a busy one, no failed attempts. */
    @SuppressWarnings("unchecked")
    private void checkLog(List<Map<String, Object>> all, int setupTransactions) {
        Map<List<String>, Integer> committed = new LinkedHashMap<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        for (Map<String, Object> entry : all) {
            if ("committed".equals(entry.get("outcome"))) {
                List<String> command = (List<String>) entry.get("command");
                committed.merge(command.subList(3, command.size()), 1, Integer::sum);
            } else {
                failed.add(entry);
            }
        }
        assertThat(failed).as("failed attempts in pond log --all").isEmpty();
        long exitZero = writes.stream().filter(w -> w.exitCode() == 0).count();
        assertThat(committed.values().stream().mapToInt(Integer::intValue).sum())
                .as("committed transactions = setup + exit-0 writes").isEqualTo(setupTransactions + (int) exitZero);
        for (Write write : writes) {
            Integer times = committed.get(Arrays.asList(write.args()));
            if (write.exitCode() == 0) {
                assertThat(times).as("log entries of pond %s (exit 0)", String.join(" ", write.args())).isEqualTo(1);
            } else {
                assertThat(times).as("log entries of pond %s (exit %d)", String.join(" ", write.args()),
                        write.exitCode()).isNull();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Runs pond with stdout into a file: with sixteen processes at once, none may wait for a drain thread to read it.
     */
    private PondRunner.Result quietRun(PondRunner pond, String... args) throws IOException {
        Path stdout = Files.createTempFile(dir, "stdout", ".bin");
        try {
            PondRunner.Result result = pond.run(null, stdout, args);
            return new PondRunner.Result(result.exitCode(), Files.readAllBytes(stdout), result.stderr());
        } finally {
            Files.deleteIfExists(stdout);
        }
    }

    /** Notes a problem: every one is counted, the first three of each kind are kept in full. */
    private void problem(String kind, String detail) {
        if (problemCounts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet() <= 3
                && !problems.contains(kind + ": " + detail)) {
            problems.add(kind + ": " + detail);
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }
}
