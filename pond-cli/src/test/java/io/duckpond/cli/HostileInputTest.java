package io.duckpond.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.steward.Invocation;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tlogfs.delta.Action;
import io.duckpond.tlogfs.duck.DuckSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of hostile input. Each case runs on its own copy of a prepared pond, in its own {@code @TempDir}, and every
 * command it runs is held to four rules:
 *
 * <ol>
 *   <li>a failure is a clear error on stderr: every line starts with {@code pond: } (errors are one line), and no
 *       "internal error", Java stack trace or exception class name shows;
 *   <li>the documented exit code: 1 for bad input, 2 for usage;
 *   <li>nothing escapes: no host file appears or changes outside where the command may write (the case's directory is
 *       compared before and after every command, and the host temp directory is checked for files pond or DuckDB
 *       left), a failed command leaves the pond's data table as it was, and a read-only command leaves the whole pond
 *       as it was (its disposable cache aside);
 *   <li>nothing is lost: after the case {@code pond fsck} exits 0 and a file committed before the case reads back
 *       byte-exact with {@code pond cat}.
 * </ol>
 *
 * <p>fsck is skipped only when the pond is byte-for-byte a state fsck has already passed (the prepared ponds are
 * checked once; a case that changes nothing needs no second check of the same bytes). A pond of a newer format cannot
 * be checked at all; those cases require instead that the pond stays byte-for-byte as it was.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputTest {

    /** How long a glob may take over the prepared tree before it counts as exploding (the @Timeout is a hang guard). */
    static final Duration QUICKLY = Duration.ofSeconds(5);

    static final String BASELINE = "/keep/baseline.bin";
    static final String NO_SUCH = "No such file or directory";
    static final String LOOP = "Too many levels of symbolic links";
    static final String OUTSIDE = "Refusing to write outside the destination";

    @TempDir
    static Path templates;

    static Path basicTemplate;
    static Path treeTemplate;
    static byte[] baseline;
    static byte[] realParquet;
    static final Set<String> checkedByFsck = ConcurrentHashMap.newKeySet();
    static final AtomicLong commandsRun = new AtomicLong();
    static final Map<String, AtomicLong> timeByCommand = new ConcurrentHashMap<>();
    static final AtomicLong fsckSkipped = new AtomicLong();
    static final AtomicLong tmpSettles = new AtomicLong();
    static final Map<String, Integer> casesPerGroup = new TreeMap<>();
    static long started;

    // --- the prepared ponds ---------------------------------------------------------------------------------------

    @BeforeAll
    static void prepareTemplates() throws Exception {
        started = System.nanoTime();
        List<Case> corpus = corpus();
        corpus.forEach(c -> casesPerGroup.merge(c.group(), 1, Integer::sum));
        System.out.println("HostileInputTest corpus: " + corpus.size() + " cases " + casesPerGroup);

        baseline = new byte[100_000];
        new Random(42).nextBytes(baseline);
        Path inputs = Files.createDirectories(templates.resolve("inputs"));
        Path table = inputs.resolve("t.parquet");
        Path series = inputs.resolve("s.parquet");
        try (DuckSession duck = DuckSession.open()) {
            duck.execute("COPY (SELECT i AS id, 'row ' || i AS label FROM range(10) t(i)) TO "
                    + DuckSession.literal(table.toString()) + " (FORMAT parquet)");
            duck.execute("COPY (SELECT TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (i) HOUR AS ts, i::DOUBLE AS flow "
                    + "FROM range(48) t(i)) TO " + DuckSession.literal(series.toString()) + " (FORMAT parquet)");
            Path big = inputs.resolve("real.parquet");
            duck.execute("COPY (SELECT i AS id, md5(i::VARCHAR) AS hash FROM range(2000) t(i)) TO "
                    + DuckSession.literal(big.toString()) + " (FORMAT parquet)");
            realParquet = Files.readAllBytes(big);
        }

        basicTemplate = templates.resolve("basic");
        InProcessPond basic = new InProcessPond(basicTemplate, templates);
        basic.ok("init");
        basic.ok("mkdir", "/keep", "/m", "/tables", "/in");
        basic.ok("copy", Files.write(inputs.resolve("baseline.bin"), baseline).toString(), BASELINE);
        basic.ok("copy", Files.writeString(inputs.resolve("small.txt"), "small baseline\n").toString(),
                "/keep/small.txt");
        basic.ok("copy", Files.writeString(inputs.resolve("victim.txt"), "victim").toString(), "/m/victim.txt");
        basic.ok("copy", "host+table://" + table, "/tables/t.parquet");
        basic.ok("copy", "host+series://" + series, "/tables/s.series");
        // Warm the disposable cache, so that a refused query leaves the pond byte-for-byte as it was.
        basic.ok("cat", "/tables/t.parquet", "--format", "csv", "--sql", "SELECT count(*) FROM source");
        basic.ok("cat", "/tables/s.series", "--format", "csv", "--sql", "SELECT count(*) FROM source");
        fsckOnce(basic, basicTemplate);

        treeTemplate = templates.resolve("tree");
        copyTree(basicTemplate, treeTemplate);
        InProcessPond tree = new InProcessPond(treeTemplate, templates);
        Path wide = Files.createDirectories(inputs.resolve("wide"));
        for (int i = 0; i < 2_000; i++) {
            Files.writeString(wide.resolve(String.format(Locale.ROOT, "e%04d.txt", i)), "entry " + i);
        }
        tree.ok("copy", "-r", wide.toString(), "/");
        String deep = "/deep" + "/d".repeat(30);
        tree.ok("mkdir", "-p", deep);
        tree.ok("copy", Files.writeString(inputs.resolve("bottom.txt"), "bottom").toString(), deep + "/bottom.txt");
        fsckOnce(tree, treeTemplate);
        System.out.printf(Locale.ROOT, "HostileInputTest prepared ponds in %.1f s%n",
                (System.nanoTime() - started) / 1e9);
    }

    private static void fsckOnce(InProcessPond pond, Path dir) throws Exception {
        pond.ok("fsck");
        checkedByFsck.add(fingerprint(dir));
    }

    @AfterAll
    static void report() {
        int size = casesPerGroup.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(Locale.ROOT, "HostileInputTest corpus: %d cases %s, %d pond commands (fsck skipped on %d "
                + "ponds identical to checked ones), %.1f s%n", size, casesPerGroup, commandsRun.get(),
                fsckSkipped.get(), (System.nanoTime() - started) / 1e9);
        Map<String, Long> seconds = new TreeMap<>();
        timeByCommand.forEach((k, v) -> seconds.put(k, v.get() / 1_000_000));
        System.out.println("HostileInputTest milliseconds by command: " + seconds + "; waited for "
                + tmpSettles.get() + " short-lived temp file(s)");
    }

    // --- the corpus, run ------------------------------------------------------------------------------------------

    static Stream<Arguments> cases() {
        return corpus().stream().map(c -> Arguments.of(Named.of(c.toString(), c)));
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("cases")
    void hostileInputIsRefusedClearlyAndNothingEscapesOrIsLost(Case hostile, @TempDir Path dir) throws Throwable {
        Path pondDir = dir.resolve("pond");
        copyTree(hostile.template() == Template.TREE ? treeTemplate : basicTemplate, pondDir);
        Ctx c = new Ctx(dir, pondDir);
        Throwable failure = null;
        try {
            hostile.body().run(c);
        } catch (Throwable t) {
            c.soft.add(t);
        }
        try {
            c.failedSteps();
        } catch (Throwable t) {
            failure = t;
        }
        try {
            if (!c.newerFormat) {
                c.nothingLost();
            }
        } catch (Throwable t) {
            if (failure == null) {
                failure = t;
            } else {
                failure.addSuppressed(t);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Test
    void theCorpusIsLargeAndCoversEveryKindOfHostileInput() {
        List<Case> corpus = corpus();
        System.out.println("HostileInputTest corpus size: " + corpus.size());
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
        assertThat(corpus.stream().map(Case::group).distinct()).containsExactly("content", "names", "symlinks",
                "globs", "sql", "copy-out", "newer-format", "options", "exploding-glob");
        assertThat(corpus.stream().map(Case::toString).distinct()).hasSize(corpus.size());
    }

    // --- the cases ------------------------------------------------------------------------------------------------

    /** One entry of the corpus. */
    record Case(String group, String name, Template template, Body body) {
        @Override
        public String toString() {
            return group + ": " + name;
        }
    }

    /** What a case does, through its context. */
    @FunctionalInterface
    interface Body {
        void run(Ctx c) throws Exception;
    }

    /** One check among several independent ones. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** Which prepared pond a case starts from. */
    enum Template {
        BASIC,
        TREE
    }

    static List<Case> corpus() {
        List<Case> all = new ArrayList<>();
        content(all);
        names(all);
        symlinks(all);
        globs(all);
        globWrites(all);
        sql(all);
        copyOut(all);
        newerFormat(all);
        options(all);
        explodingGlob(all);
        return all;
    }

    private static void add(List<Case> all, String group, String name, Body body) {
        all.add(new Case(group, name, Template.BASIC, body));
    }

    // --- malformed content ----------------------------------------------------------------------------------------

    /** A hostile file and the URL schemes it is copied in as. */
    record Sample(String file, byte[] bytes, List<String> schemes) {}

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] random(int size, long seed) {
        byte[] out = new byte[size];
        new Random(seed).nextBytes(out);
        return out;
    }

    static List<Sample> samples() {
        StringBuilder wideHeader = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            wideHeader.append(i == 0 ? "" : ",").append('c').append(i);
        }
        wideHeader.append('\n');
        StringBuilder deepObject = new StringBuilder();
        deepObject.append("{\"a\":".repeat(10_000)).append('1').append("}".repeat(10_000)).append('\n');
        byte[] invalid = {(byte) 0xff, (byte) 0xfe, 'x', (byte) 0xc3, 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80};
        return List.of(
                new Sample("ragged.csv", bytes("a,b\n1,2\n3,4,5\n6\n"), List.of("csv", "json")),
                new Sample("ragged-last-row.csv", bytes("x,y\n1,2\n3,4\n5,6,7\n"), List.of("csv")),
                new Sample("unterminated-quote.csv", bytes("a,b\n1,\"oops\n2,3\n"), List.of("csv")),
                new Sample("blob.csv", random(4096, 7), List.of("csv", "json")),
                new Sample("empty.csv", new byte[0], List.of("csv", "json", "table")),
                new Sample("header-only.csv", bytes("a,b,c\n"), List.of("csv")),
                new Sample("wide-header.csv", bytes(wideHeader.toString()), List.of("csv")),
                new Sample("mixed-endings.csv", bytes("a,b\r\n1,2\n3,4\r5,6\r\n7,8"), List.of("csv")),
                new Sample("crlf-and-lf.csv", bytes("a,b\r\n1,2\n3,4\r\n5,6\n"), List.of("csv")),
                new Sample("invalid-utf8.csv", concat(bytes("name,v\n"), invalid, bytes(",1\nok,2\n")), List.of("csv")),
                new Sample("invalid-utf8-header.csv", concat(bytes("a"), invalid, bytes(",b\n1,2\n")), List.of("csv")),
                new Sample("truncated.json", bytes("[{\"a\":1},{\"a\":2"), List.of("json", "csv")),
                new Sample("not-json.json", bytes("hello, world\nthis is not JSON\n"), List.of("json", "series")),
                new Sample("deep-array.json", bytes("[".repeat(10_000) + "]".repeat(10_000)), List.of("json")),
                new Sample("deep-object.json", bytes(deepObject.toString()), List.of("json", "ndjson")),
                new Sample("huge-string.json", bytes("[{\"s\":\"" + "0123456789abcdef".repeat(256 * 1024) + "\"}]"),
                        List.of("json")),
                new Sample("invalid-utf8.json", concat(bytes("[{\"s\":\""), invalid, bytes("\"}]")),
                        List.of("json", "csv")),
                new Sample("truncated.ndjson", bytes("{\"a\":1}\n{\"a\":"), List.of("ndjson")),
                new Sample("par1-garbage.parquet", concat(bytes("PAR1"), random(1000, 3)), List.of("table", "series",
                        "json")),
                new Sample("par1-both-ends.parquet", concat(bytes("PAR1"), random(1000, 4), bytes("PAR1")),
                        List.of("table", "series", "csv")),
                new Sample("zero-bytes.parquet", new byte[0], List.of("table", "series", "csv", "json")));
    }

    private static void content(List<Case> all) {
        for (Sample s : samples()) {
            for (String scheme : s.schemes()) {
                add(all, "content", s.file() + " as host+" + scheme, c -> copyIn(c, s.file(), s.bytes(), scheme));
            }
        }
        add(all, "content", "truncated real Parquet (DuckDB) as host+table", c -> copyIn(c, "truncated.parquet",
                Arrays.copyOf(realParquet, realParquet.length / 2), "table"));
        add(all, "content", "truncated real Parquet (DuckDB) as host+series", c -> copyIn(c, "truncated.parquet",
                Arrays.copyOf(realParquet, realParquet.length / 2), "series"));
        add(all, "content", "truncated real Parquet (DuckDB) as host+csv", c -> copyIn(c, "truncated.parquet",
                Arrays.copyOf(realParquet, realParquet.length / 2), "csv"));
        add(all, "content", "real Parquet whose footer length lies as host+table", c -> copyIn(c, "footer.parquet",
                lyingFooter(), "table"));
        add(all, "content", "real Parquet whose footer length lies as host+series", c -> copyIn(c, "footer.parquet",
                lyingFooter(), "series"));
        add(all, "content", "real Parquet with its middle zeroed as host+table", c -> {
            byte[] damaged = realParquet.clone();
            Arrays.fill(damaged, 16, damaged.length / 2, (byte) 0);
            Path f = c.host("zeroed.parquet", damaged);
            // Only the magic bytes and the footer are documented as checked: it may be stored, but never misread.
            Outcome copy = c.run("copy", "host+table://" + f, "/in/zeroed");
            if (copy.acceptedOrRefused(1, "Cannot read Parquet", "zeroed")) {
                c.run("cat", "/in/zeroed", "--format", "csv").acceptedOrRefused(1, "Cannot run the query");
                c.run("copy", "/in/zeroed", "host://" + c.writableDir("out")).succeeded();
                assertThat(Files.readAllBytes(c.dir().resolve("out/zeroed"))).isEqualTo(damaged);
            }
        });
        add(all, "content", "Parquet garbage on standard input as a table", c -> c.runWithInput(
                concat(bytes("PAR1"), random(500, 5)), "copy", "--format", "table", "-", "/in.parquet")
                .refused(1, "Not a Parquet file", "standard input"));
        add(all, "content", "nothing on standard input as a series", c -> c.runWithInput(new byte[0], "copy",
                "--format", "series", "-", "/in.series").refused(1, "Not a Parquet file"));
        add(all, "content", "plain text named as gzip CSV", c -> {
            Path f = c.host("plain.csv.gz", bytes("a,b\n1,2\n"));
            c.run("copy", "host+csv+gzip://" + f, "/x").refused(1, "plain.csv.gz");
        });
        add(all, "content", "random bytes named as zstd JSON", c -> {
            Path f = c.host("noise.json.zst", random(3000, 11));
            c.run("copy", "host+json+zstd://" + f, "/x").refused(1, "noise.json.zst");
        });
        add(all, "content", "a bad source after a new large one rolls both back", c -> {
            Path large = c.host("large.bin", random(300_000, 13));
            Path bad = c.host("bad.parquet", concat(bytes("PAR1"), random(100, 14)));
            c.ok("mkdir", "/inbox");
            c.run("copy", "--format", "table", large.toString(), bad.toString(), "/inbox")
                    .refused(1, "Not a Parquet file", "large.bin");
            c.run("copy", large.toString(), "host+table://" + bad, "/inbox").refused(1, "bad.parquet");
            assertThat(c.ok("list", "/inbox").out()).isEmpty();
        });
        add(all, "content", "a malformed CSV as a new version of a table leaves the table as it was", c -> {
            Path f = c.host("ragged.csv", bytes("id,label\n1,a\n2,b,c\n"));
            c.run("copy", "host+csv://" + f, "/tables/t.parquet").refused(1, "Malformed CSV", "line 3");
            assertThat(c.ok("list", "-l", "/tables/t.parquet").out()).contains("v1");
        });
        add(all, "content", "a binary blob named .csv copied plainly is stored byte-exact", c -> {
            byte[] blob = random(70_000, 17);
            c.ok("copy", c.host("blob.csv", blob).toString(), "/blob.csv");
            assertThat(c.ok("cat", "/blob.csv").run().stdout()).isEqualTo(blob);
            c.run("cat", "csv:///blob.csv", "--format", "csv").acceptedOrRefused(1, "/blob.csv");
        });
        add(all, "content", "invalid UTF-8 copied plainly is stored byte-exact and read as CSV clearly", c -> {
            byte[] text = concat(bytes("name,v\n"), new byte[] {(byte) 0xff, (byte) 0xc3, 0x28}, bytes(",1\n"));
            c.ok("copy", c.host("latin.csv", text).toString(), "/latin.csv");
            assertThat(c.ok("cat", "/latin.csv").run().stdout()).isEqualTo(text);
            c.run("cat", "csv:///latin.csv", "--format", "csv")
                    .acceptedOrRefused(1, "/latin.csv", "UTF-8|utf-8|unicode");
        });
    }

    private static byte[] lyingFooter() {
        byte[] damaged = realParquet.clone();
        int at = damaged.length - 8;
        damaged[at] = (byte) 0xff;
        damaged[at + 1] = (byte) 0xff;
        damaged[at + 2] = (byte) 0xff;
        damaged[at + 3] = (byte) 0x7f;
        return damaged;
    }

    /** Copies {@code bytes} in as {@code host+SCHEME://} and holds the result to what the documentation promises. */
    private static void copyIn(Ctx c, String file, byte[] bytes, String scheme) throws Exception {
        Path f = c.host(file, bytes);
        String target = "/in/" + file.replace('.', '_');
        Outcome outcome = c.run("copy", "host+" + scheme + "://" + f, target);
        boolean parquetMagic = bytes.length >= 12 && new String(bytes, 0, 4, StandardCharsets.ISO_8859_1).equals("PAR1")
                && new String(bytes, bytes.length - 4, 4, StandardCharsets.ISO_8859_1).equals("PAR1");
        switch (scheme) {
            case "table", "series" -> {
                if (parquetMagic) {
                    outcome.refused(1, "Cannot read Parquet|Not a Parquet file", file);
                } else {
                    outcome.refused(1, "Not a Parquet file", "'PAR1'", file);
                }
            }
            default -> {
                String malformed = "Malformed " + scheme.toUpperCase(Locale.ROOT);
                if (file.startsWith("ragged") && scheme.equals("csv")) {
                    // The documented example: name, line and reason.
                    outcome.refused(1, malformed, file, file.equals("ragged-last-row.csv") ? "line 4" : "line 3",
                            "Expected Number of Columns");
                } else if (scheme.startsWith("json") || scheme.equals("ndjson")) {
                    if (file.startsWith("truncated") || file.startsWith("not-json") || file.startsWith("deep")
                            || file.startsWith("ragged") || file.startsWith("par1")) {
                        outcome.refused(1, malformed, file);
                    } else {
                        acceptedAndReadable(c, outcome, target, malformed, file);
                    }
                } else {
                    acceptedAndReadable(c, outcome, target, malformed, file);
                }
            }
        }
    }

    /** Either stored as a table that reads back, every row kept, or refused as malformed. */
    private static void acceptedAndReadable(Ctx c, Outcome outcome, String target, String malformed, String file)
            throws Exception {
        if (!outcome.acceptedOrRefused(1, malformed, file)) {
            return;
        }
        assertThat(c.ok("list", "-l", target).out()).startsWith("file:table");
        c.ok("describe", target);
        String csv = c.ok("cat", target, "--format", "csv").out();
        if (file.startsWith("unterminated")) {
            assertThat(csv).as("every value kept").contains("oops").contains("2");
        } else if (file.startsWith("mixed")) {
            assertThat(csv.lines().toList()).as("every row kept").hasSize(5);
        } else if (file.startsWith("crlf")) {
            assertThat(csv.lines().toList()).as("every row kept").hasSize(4);
        } else if (file.startsWith("huge")) {
            assertThat(c.ok("cat", target, "--format", "csv", "--sql", "SELECT length(s) AS n FROM source").out())
                    .isEqualTo("n\n" + 16 * 256 * 1024 + "\n");
        }
    }

    // --- names ----------------------------------------------------------------------------------------------------

    private static void names(List<Case> all) {
        add(all, "names", "a '/' inside a name (its parent missing)", c -> {
            Path f = c.host("f.txt", bytes("f"));
            c.step(() -> c.run("mkdir", "/no-such/child").refused(1, NO_SUCH));
            c.step(() -> c.run("mv", "/m/victim.txt", "/no-such/child").refused(1, NO_SUCH));
            c.step(() -> c.run("copy", f.toString(), "/no-such/child").refused(1, NO_SUCH));
        });
        add(all, "names", "'..' names the parent and never becomes an entry", c -> {
            c.step(() -> c.run("mkdir", "/..").refused(1, "Already exists|Invalid name"));
            c.step(() -> c.run("mkdir", "..").refused(1, "Already exists|Invalid name"));
            c.step(() -> c.run("mkdir", "/keep/../..").refused(1, "Already exists|Invalid name"));
            c.ok("mv", "/m/victim.txt", "/m/..");
            assertThat(c.ok("cat", "/victim.txt").out()).isEqualTo("victim");
            c.noEntryNamed("..", ".");
        });
        add(all, "names", "'.' names the directory itself and never becomes an entry", c -> {
            c.step(() -> c.run("mkdir", "/.").refused(1, "Already exists|Invalid name"));
            c.step(() -> c.run("mkdir", "/keep/.").refused(1, "Already exists|Invalid name"));
            c.step(() -> c.run("mkdir", ".").refused(1, "Already exists|Invalid name"));
            c.noEntryNamed("..", ".");
        });
        add(all, "names", "NUL in a name or path", c -> {
            Path f = c.host("f.txt", bytes("f"));
            String nul = "/a\0b";
            c.step(() -> c.run("mkdir", nul).refused(1, "NUL"));
            c.step(() -> c.run("mkdir", "-p", "/x" + nul).refused(1, "NUL"));
            c.step(() -> c.run("copy", f.toString(), nul).refused(1, "NUL"));
            c.step(() -> c.run("mv", "/m/victim.txt", nul).refused(1, "NUL"));
            c.step(() -> c.run("cat", nul).refused(1, "NUL"));
            c.step(() -> c.run("list", nul).refused(1, "NUL"));
            c.step(() -> c.run("describe", nul).refused(1, "NUL"));
            c.step(() -> c.run("rm", nul).refused(1, "NUL"));
            c.step(() -> c.run("copy", "/keep/\0", "host://" + c.hostDir("out")).refused(1, "NUL"));
            c.step(() -> c.run("copy", f + "\0x", "/").refused(1, "NUL|Nul"));
        });
        String tenThousand = "/" + "n".repeat(10_000);
        add(all, "names", "a name of 10 000 characters", c -> {
            Path f = c.host("f.txt", bytes("f"));
            c.step(() -> c.run("mkdir", tenThousand).refused(1, "Invalid name", "at most 255 bytes"));
            c.step(() -> c.run("mkdir", "-p", "/ok" + tenThousand).refused(1, "Invalid name", "at most 255 bytes"));
            c.step(() -> c.run("copy", f.toString(), tenThousand).refused(1, "Invalid name", "at most 255 bytes"));
            c.step(() -> c.run("mv", "/m/victim.txt", tenThousand).refused(1, "Invalid name", "at most 255 bytes"));
            c.step(() -> c.run("cat", tenThousand).refused(1, "Invalid name|No such file or directory"));
            c.step(() -> c.run("list", tenThousand).refused(1, "Invalid name|No such file or directory"));
            c.step(() -> c.run("rm", tenThousand).refused(1, "Invalid name|No such file or directory"));
            c.noEntryNamed("n".repeat(10_000));
        });
        String tooLong = "/" + "é".repeat(128);
        add(all, "names", "a name of 256 bytes of UTF-8 (128 characters)", c -> {
            c.step(() -> c.run("mkdir", tooLong).refused(1, "Invalid name", "at most 255 bytes"));
            Path f = c.host("f.txt", bytes("f"));
            c.step(() -> c.run("copy", f.toString(), tooLong).refused(1, "at most 255 bytes"));
            c.step(() -> c.run("mv", "/m/victim.txt", tooLong).refused(1, "at most 255 bytes"));
        });
        String longest = "€".repeat(85);
        add(all, "names", "a name of exactly 255 bytes of UTF-8 works everywhere", c -> {
            c.ok("mkdir", "/" + longest);
            c.ok("copy", c.host("f.txt", bytes("f")).toString(), "/" + longest + "/");
            assertThat(c.ok("list", "/" + longest).out()).isEqualTo("/" + longest + "/f.txt\n");
            Path out = c.writableDir("out");
            c.ok("copy", "/" + longest, "host://" + out);
            assertThat(out.resolve(longest).resolve("f.txt")).hasContent("f");
            c.ok("rm", "-r", "/" + longest);
        });
        add(all, "names", "an empty name", c -> {
            Path f = c.host("f.txt", bytes("f"));
            c.step(() -> c.run("mkdir", "").refused(1, "Already exists|Invalid name|empty"));
            c.step(() -> c.run("mkdir", "/keep/").refused(1, "Already exists"));
            c.step(() -> c.run("rm", "-r", "").refused(1, "Cannot remove|Invalid|empty"));
            c.step(() -> c.run("mv", "/m/victim.txt", "").refused(1, "Invalid|empty|Already exists"));
            c.step(() -> c.run("copy", f.toString(), "").refused(1, "Invalid|empty|Not a directory"));
            assertThat(c.ok("cat", "/m/victim.txt").out()).isEqualTo("victim");
        });
        add(all, "names", "trailing slashes", c -> {
            Path f = c.host("f.txt", bytes("f"));
            c.ok("mkdir", "/t/");
            c.step(() -> c.run("mkdir", "/t//").refused(1, "Already exists"));
            c.step(() -> c.run("copy", f.toString(), "/no-dir/").refused(1, "Not a directory"));
            c.step(() -> c.run("mv", "/m/victim.txt", "/no-dir/").refused(1, "Not a directory"));
            c.step(() -> c.run("mv", "/m/victim.txt", "/keep/small.txt/").refused(1, "Not a directory"));
            Outcome cat = c.run("cat", BASELINE + "/");
            if (cat.acceptedOrRefused(1, "Not a directory")) {
                assertThat(cat.run().stdout()).isEqualTo(baseline);
            }
            c.ok("rm", "/t/");
            assertThat(c.ok("list", "/").out()).doesNotContain("/t\n");
        });
        for (String name : List.of("g*", "g?", "g[1]", "g[", "g]", "[!x]", "**", "b\\x", "\\", "a\\*b", "{a,b}")) {
            add(all, "names", "a name with glob characters or backslashes: " + name, c -> wildName(c, name));
        }
        add(all, "names", "names starting with '-'", c -> {
            Path f = c.host("f.txt", bytes("dash"));
            c.ok("mkdir", "--", "-x");
            c.step(() -> c.run("mkdir", "-y").refused(2, "-y|PATH"));
            assertThat(c.ok("list", "/").out()).contains("/-x\n");
            assertThat(c.ok("list", "--", "-x").out()).isEmpty();
            c.ok("copy", "--", f.toString(), "-x/-f.txt");
            assertThat(c.ok("cat", "--", "/-x/-f.txt").out()).isEqualTo("dash");
            c.step(() -> c.run("cat", "-z").refused(2, "-z|PATH"));
            c.ok("rm", "-r", "--", "-x");
            c.noEntryNamed("-x");
        });
        add(all, "names", "control characters in a name stay on one line in messages", c -> {
            for (String name : List.of("/line\nbreak", "/tab\there", "/esc\u001b[31mred", "/bell\u0007")) {
                c.step(() -> {
                    if (c.run("mkdir", name).acceptedOrRefused(1, "Invalid name")) {
                        c.step(() -> c.run("cat", name).refused(1, "Is a directory"));
                        c.step(() -> c.run("mkdir", name).refused(1, "Already exists"));
                        c.step(() -> c.run("rm", name + "/x").refused(1, NO_SUCH + "|Invalid pattern"));
                        assertThat(c.ok("list", "--format", "jsonl", name.substring(0, 3) + "*").out()).isNotEmpty();
                    }
                });
            }
        });
        add(all, "names", "a name that is not valid UTF-8 (a replacement character) is refused", c -> {
            c.step(() -> c.run("mkdir", "/bad\uFFFDname").refused(1, "Invalid name", "UTF-8"));
            c.step(() -> c.run("copy", c.host("f.txt", bytes("f")).toString(), "/bad\uFFFD").refused(1, "UTF-8"));
        });
        add(all, "names", "a name with a lone surrogate", c -> {
            if (c.run("mkdir", "/s\uD800x").acceptedOrRefused(1, "Invalid name")) {
                assertThat(c.ok("list", "--format", "jsonl", "/").out()).contains("\"path\":\"/s");
            }
        });
    }

    /** A name with glob characters is read, listed, described, copied out and removed by that name. */
    private static void wildName(Ctx c, String name) throws Exception {
        Path f = c.host("f.txt", bytes("wild " + name));
        Path other = c.host("other.txt", bytes("other"));
        c.ok("copy", other.toString(), "/g1");
        c.ok("copy", f.toString(), "/" + name);
        c.step(() -> assertThat(c.ok("cat", "/" + name).out()).isEqualTo("wild " + name));
        c.step(() -> assertThat(c.ok("list", "/" + name).out()).isEqualTo("/" + name + "\n"));
        c.step(() -> assertThat(c.ok("describe", "/" + name, "--format", "jsonl").out())
                .contains("\"path\":\"/" + name.replace("\\", "\\\\") + "\""));
        Path out = c.writableDir("out");
        c.step(() -> {
            c.ok("copy", "/" + name, "host://" + out);
            assertThat(out.resolve(name)).hasContent("wild " + name);
            assertThat(out.resolve("g1")).doesNotExist();
        });
        c.step(() -> {
            c.ok("rm", "/" + name);
            assertThat(c.ok("list", "/").out().lines()).doesNotContain("/" + name).contains("/g1");
        });
    }

    // --- symlinks -------------------------------------------------------------------------------------------------

    private static void symlinks(List<Case> all) {
        add(all, "symlinks", "a loop a -> b -> a", c -> {
            c.links("/l/a", "/l/b", "/l/b", "/l/a");
            Path out = c.hostDir("out");
            c.step(() -> c.run("cat", "/l/a").refused(1, LOOP));
            assertThat(c.ok("list", "/l").out()).isEqualTo("/l/a\n/l/b\n");
            c.step(() -> c.run("list", "/l/a").acceptedOrRefused(1, LOOP));
            c.step(() -> c.run("describe", "/l/a").acceptedOrRefused(1, LOOP));
            c.step(() -> c.run("describe", "/l").acceptedOrRefused(1, LOOP));
            c.step(() -> c.run("copy", "/l/a", "host://" + out).refused(1, LOOP));
            c.step(() -> c.run("copy", "/l", "host://" + out).refused(1, LOOP));
            c.step(() -> c.run("list", "/l/*/x").acceptedOrRefused(1, LOOP));
            c.step(() -> c.run("cat", "/l/a", "--sql", "SELECT 1").refused(1, LOOP));
            c.step(() -> c.run("copy", c.host("f.txt", bytes("f")).toString(), "/l/a").refused(1, "Too many levels"));
            assertThat(out).isEmptyDirectory();
            c.ok("rm", "/l/a");
        });
        add(all, "symlinks", "a link to itself", c -> {
            c.links("/s/self", "/s/self", "/s/dir", "/s/dir/");
            c.step(() -> c.run("cat", "/s/self").refused(1, LOOP));
            c.step(() -> c.run("list", "/s/dir/").acceptedOrRefused(1, LOOP));
            c.step(() -> c.run("mkdir", "-p", "/s/dir/x").refused(1, LOOP));
            c.step(() -> c.run("copy", "/s", "host://" + c.hostDir("out")).refused(1, LOOP));
        });
        add(all, "symlinks", "a chain of 12 links: 10 hops are followed, 11 are refused", c -> {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                pairs.add("/c/l" + i);
                pairs.add(i == 11 ? "/keep/small.txt" : "l" + (i + 1));
            }
            c.links(pairs.toArray(String[]::new));
            assertThat(c.ok("cat", "/c/l2").out()).isEqualTo("small baseline\n");
            c.step(() -> c.run("cat", "/c/l1").refused(1, LOOP, "/c/l1"));
            c.step(() -> c.run("cat", "/c/l0").refused(1, LOOP));
            Path out = c.hostDir("out");
            c.step(() -> c.run("copy", "/c/l0", "host://" + out).refused(1, LOOP));
            assertThat(out).isEmptyDirectory();
            assertThat(c.ok("list", "/c").out().lines()).hasSize(12);
        });
        add(all, "symlinks", "links pointing outside the pond stay inside it", c -> {
            c.links("/o/up", "/../../etc/passwd", "/o/abs", "/etc/passwd", "/o/rel", "../../../../../../etc/passwd",
                    "/o/host", c.dir().resolve("secret.txt").toString(), "/o/inside", "/../../keep/../keep/small.txt");
            Files.writeString(c.dir().resolve("secret.txt"), "host secret");
            for (String link : List.of("/o/up", "/o/abs", "/o/rel", "/o/host")) {
                Outcome cat = c.run("cat", link).refused(1, NO_SUCH);
                assertThat(cat.run().out()).doesNotContain("root:").doesNotContain("host secret");
                c.run("cat", link, "--sql", "SELECT 1").refused(1, NO_SUCH);
                c.run("copy", c.host("f.txt", bytes("f")).toString(), link).refused(1, NO_SUCH);
            }
            assertThat(c.ok("cat", "/o/inside").out()).isEqualTo("small baseline\n");
            assertThat(c.ok("list", "/o").out().lines()).hasSize(5);
            c.ok("describe", "/o/inside");
            Path out = c.hostDir("out");
            c.step(() -> c.run("copy", "/o/up", "host://" + out).refused(1, NO_SUCH));
            c.step(() -> c.run("copy", "/o", "host://" + out).refused(1, NO_SUCH));
            assertThat(out).isEmptyDirectory();
        });
        add(all, "symlinks", "dangling links", c -> {
            c.links("/d/x", "/nowhere/file", "/d/y", "missing");
            c.step(() -> c.run("cat", "/d/x").refused(1, NO_SUCH));
            assertThat(c.ok("list", "/d").out()).isEqualTo("/d/x\n/d/y\n");
            c.step(() -> c.run("describe", "/d/x").acceptedOrRefused(1, NO_SUCH));
            Path out = c.hostDir("out");
            c.step(() -> c.run("copy", "/d/x", "host://" + out).refused(1, NO_SUCH));
            c.step(() -> c.run("copy", "/d/*", "host://" + out).refused(1, NO_SUCH));
            assertThat(out).isEmptyDirectory();
            Path f = c.host("f.txt", bytes("f"));
            c.step(() -> c.run("copy", f.toString(), "/d/x").refused(1, NO_SUCH));
            c.ok("rm", "/d/x");
        });
        add(all, "symlinks", "a link to a directory copies out inside the destination", c -> {
            c.links("/ld", "/keep");
            Path out = c.writableDir("out");
            c.step(() -> c.run("copy", "/ld", "host://" + out).acceptedOrRefused(1, "/ld"));
            c.step(() -> {
                c.ok("copy", "/ld/small.txt", "host://" + out);
                assertThat(out.resolve("small.txt")).hasContent("small baseline\n");
            });
        });
        add(all, "symlinks", "host symlink to a directory inside the copy-out destination", c -> {
            Path out = c.writableDir("out");
            Path elsewhere = c.hostDir("elsewhere");
            Files.createSymbolicLink(out.resolve("keep"), elsewhere);
            c.step(() -> c.run("copy", "/keep", "host://" + out).refused(1, OUTSIDE));
            c.step(() -> c.run("copy", "/**", "host://" + out).refused(1, OUTSIDE));
            assertThat(elsewhere).isEmptyDirectory();
        });
        add(all, "symlinks", "host symlink to a directory above a new subdirectory of the copy-out", c -> {
            c.ok("mkdir", "-p", "/sub/deeper");
            c.ok("copy", c.host("x.txt", bytes("x")).toString(), "/sub/deeper/x.txt");
            Path out = c.writableDir("out");
            Path elsewhere = c.hostDir("elsewhere");
            Files.createSymbolicLink(out.resolve("sub"), elsewhere);
            c.step(() -> c.run("copy", "/sub", "host://" + out).refused(1, OUTSIDE));
            assertThat(elsewhere).isEmptyDirectory();
        });
        add(all, "symlinks", "host symlink to a file in the copy-out destination", c -> {
            Path out = c.writableDir("out");
            Path elsewhere = c.hostDir("elsewhere");
            Path victim = Files.writeString(elsewhere.resolve("victim.txt"), "host victim");
            Files.createSymbolicLink(out.resolve("small.txt"), victim);
            Files.createSymbolicLink(out.resolve("baseline.bin"), elsewhere.resolve("new.bin"));
            c.step(() -> c.run("copy", "/keep/small.txt", "host://" + out).refused(1, "Host file exists"));
            c.step(() -> c.run("copy", BASELINE, "host://" + out).refused(1, "Host file exists"));
            c.ok("copy", "--force", "/keep/small.txt", BASELINE, "host://" + out);
            assertThat(victim).hasContent("host victim");
            assertThat(elsewhere.resolve("new.bin")).doesNotExist();
            assertThat(out.resolve("small.txt")).isRegularFile().hasContent("small baseline\n");
            assertThat(Files.readAllBytes(out.resolve("baseline.bin"))).isEqualTo(baseline);
        });
        add(all, "symlinks", "the copy-out destination is itself a host symlink", c -> {
            Path elsewhere = c.writableDir("elsewhere");
            Path link = Files.createSymbolicLink(c.dir().resolve("out-link"), elsewhere);
            c.step(() -> c.run("copy", "/keep/small.txt", "host://" + link).acceptedOrRefused(1, "out-link"));
            try (Stream<Path> files = Files.list(elsewhere)) {
                assertThat(files.map(p -> p.getFileName().toString())).isSubsetOf("small.txt");
            }
        });
    }

    // --- globs ----------------------------------------------------------------------------------------------------

    private static void glob(List<Case> all, String name, Body body) {
        all.add(new Case("globs", name, Template.TREE, body));
    }

    private static void globs(List<Case> all) {
        glob(all, "/**/**/**/** over a deep and a wide tree", c -> {
            assertThat(c.quickly("list", "/**/**/**/**").succeeded().out().lines()).hasSizeGreaterThan(2_030);
        });
        glob(all, "a name of 200 '*'", c -> c.quickly("list", "/" + "*".repeat(200)).succeeded());
        glob(all, "200 '*' segments", c -> c.quickly("list", "/*".repeat(200)).acceptedOrRefused(1, "Invalid pattern"));
        glob(all, "'*a' repeated 100 times against 2 000 names", c -> c.quickly("list",
                "/wide/" + "*e".repeat(100)).acceptedOrRefused(1, "Invalid pattern"));
        glob(all, "'[' unclosed", c -> c.quickly("list", "/deep/[").refused(1, "Invalid pattern", "'['"));
        glob(all, "'[' unclosed, with copy, cat and describe", c -> {
            c.quickly("copy", "/wide/e[0", "host://" + c.hostDir("out")).refused(1, "Invalid pattern");
            c.quickly("cat", "/wide/e[0").refused(1, "Invalid pattern|No such file");
            c.quickly("describe", "/wide/e[0").refused(1, "Invalid pattern");
        });
        glob(all, "a backwards range", c -> c.quickly("list", "/wide/[z-a]*").refused(1, "Invalid pattern"));
        glob(all, "a lone trailing backslash", c -> c.quickly("list", "/wide/e\\").refused(1, "Invalid pattern"));
        glob(all, "10 000 '?'", c -> c.quickly("list", "/" + "?".repeat(10_000)).refused(1, "Invalid pattern"));
        glob(all, "10 000 '?' under '**'", c -> c.quickly("list", "/**/" + "?".repeat(10_000))
                .refused(1, "Invalid pattern"));
        glob(all, "'**/*' over the wide directory", c -> {
            assertThat(c.quickly("list", "/wide/**/*").succeeded().out().lines()).hasSize(2_000);
        });
        glob(all, "describe '/**' over the tree", c -> c.quickly("describe", "/deep/**", "--format", "jsonl")
                .succeeded());
        glob(all, "cat of '/**' (no tables among most matches)", c -> c.quickly("cat", "/**", "--format", "csv")
                .acceptedOrRefused(1, "Not a table"));
        glob(all, "copy-out of the whole deep tree", c -> {
            Path out = c.writableDir("out");
            c.quickly("copy", "/deep/**", "host://" + out).succeeded();
            assertThat(out.resolve("d/".repeat(30) + "bottom.txt")).hasContent("bottom");
        });
        glob(all, "copy-out of a glob over the wide directory", c -> {
            Path out = c.writableDir("out");
            c.quickly("copy", "/wide/e000?.txt", "host://" + out).succeeded();
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.count()).isEqualTo(10);
            }
        });
        glob(all, "a pattern with 300 wildcards in one name", c -> c.quickly("list",
                "/wide/" + "?*".repeat(150)).acceptedOrRefused(1, "Invalid pattern"));
        glob(all, "an empty pattern", c -> c.quickly("list", "").acceptedOrRefused(1, "Invalid pattern"));
    }

    private static void globWrites(List<Case> all) {
        add(all, "globs", "rm of an unclosed '['", c -> c.run("rm", "/keep/b[").refused(1, "Invalid pattern"));
        add(all, "globs", "rm of 10 000 '?'", c -> c.run("rm", "/" + "?".repeat(10_000)).refused(1, "Invalid pattern"));
    }

    private static void explodingGlob(List<Case> all) {
        // Last in the corpus: if the walk explodes, the abandoned thread burns only the time left.
        all.add(new Case("exploding-glob", "ten '**/*' pairs over a 31-level tree", Template.TREE,
                c -> c.quickly("list", "/deep" + "/**/*".repeat(10)).acceptedOrRefused(1, "Invalid pattern|too")));
    }

    // --- SQL ------------------------------------------------------------------------------------------------------

    private static void sqlCase(List<Case> all, String name, String expected, SqlText sql) {
        add(all, "sql", name, c -> {
            String text = sql.text(c);
            Outcome outcome = c.run("cat", "/tables/t.parquet", "--format", "csv", "--sql", text).refused(1, expected);
            assertThat(outcome.run().stderr()).doesNotContain("root:x:");
            c.noneOf("stolen.csv", "evil.duckdb", "exp", "p.csv", "q.csv", "c.csv", "prof.json");
        });
    }

    /** SQL that may name the case's own paths. */
    @FunctionalInterface
    interface SqlText {
        String text(Ctx c) throws Exception;
    }

    private static void sql(List<Case> all) {
        String access = "Refused access";
        String refused = "Refused SQL";
        sqlCase(all, "read_csv('/etc/passwd')", access, c -> "SELECT * FROM read_csv('/etc/passwd')");
        sqlCase(all, "read_parquet of another pond data file", access, c -> "SELECT * FROM read_parquet("
                + DuckSession.literal(c.anyDataFile().toString()) + ")");
        sqlCase(all, "read_parquet of every pond data file by glob", access, c -> "SELECT * FROM read_parquet("
                + DuckSession.literal(c.pondDir().resolve("data") + "/**/*.parquet") + ")");
        sqlCase(all, "read_parquet of the cache copy of another table", access, c -> "SELECT * FROM read_parquet("
                + DuckSession.literal(c.pondDir().resolve("cache") + "/*") + ")");
        sqlCase(all, "a path through an allowed directory with '..'", access, c -> "SELECT * FROM read_csv("
                + DuckSession.literal(c.pondDir().resolve("cache") + "/../../../../../../../etc/passwd") + ")");
        sqlCase(all, "COPY ... TO into data/_large_files", refused, c -> "COPY (SELECT 1) TO "
                + DuckSession.literal(c.pondDir().resolve("data/_large_files/ab/evil").toString()));
        sqlCase(all, "COPY source TO the host temp directory", refused, c -> "COPY source TO "
                + DuckSession.literal(c.tmpTarget("stolen.csv").toString()));
        sqlCase(all, "ATTACH", refused, c -> "ATTACH " + DuckSession.literal(c.dir().resolve("evil.duckdb").toString())
                + " AS evil");
        sqlCase(all, "INSTALL", refused, c -> "INSTALL httpfs");
        sqlCase(all, "LOAD", refused, c -> "LOAD httpfs");
        sqlCase(all, "SET enable_external_access=true", refused, c -> "SET enable_external_access=true");
        sqlCase(all, "SET lock_configuration=false then a read", refused, c -> "SET lock_configuration=false; "
                + "SELECT * FROM read_csv('/etc/passwd')");
        sqlCase(all, "two SELECTs", refused, c -> "SELECT 1; SELECT 2");
        sqlCase(all, "a SELECT then a COPY", refused, c -> "SELECT * FROM source; COPY source TO "
                + DuckSession.literal(c.dir().resolve("stolen.csv").toString()));
        sqlCase(all, "PRAGMA", refused, c -> "PRAGMA version");
        sqlCase(all, "PRAGMA writing a profile", refused, c -> "PRAGMA profiling_output = "
                + DuckSession.literal(c.dir().resolve("prof.json").toString()));
        sqlCase(all, "CALL", refused, c -> "CALL pragma_version()");
        sqlCase(all, "glob()", access, c -> "SELECT * FROM glob('/etc/*')");
        sqlCase(all, "read_text", access, c -> "SELECT * FROM read_text('/etc/passwd')");
        sqlCase(all, "read_blob of /proc/self/environ", access, c -> "SELECT * FROM read_blob('/proc/self/environ')");
        sqlCase(all, "getenv", "Refused|getenv", c -> "SELECT getenv('HOME') AS home");
        sqlCase(all, "a second statement hidden after a block comment", refused, c -> "SELECT * FROM source /* ; */ ; "
                + "COPY (SELECT 1) TO " + DuckSession.literal(c.dir().resolve("c.csv").toString()));
        sqlCase(all, "a second statement after a line comment", refused, c -> "SELECT * FROM source -- harmless\n; "
                + "ATTACH " + DuckSession.literal(c.dir().resolve("evil.duckdb").toString()) + " AS e");
        sqlCase(all, "ATTACH behind a comment that says SELECT", refused, c -> "/* SELECT */ ATTACH "
                + DuckSession.literal(c.dir().resolve("evil.duckdb").toString()));
        sqlCase(all, "a parenthesised SELECT then a COPY", refused, c -> "(SELECT * FROM source); COPY (SELECT 1) TO "
                + DuckSession.literal(c.dir().resolve("p.csv").toString()));
        sqlCase(all, "COPY inside parentheses", "Bad SQL|syntax error", c -> "SELECT * FROM (COPY (SELECT 1) TO "
                + DuckSession.literal(c.dir().resolve("p.csv").toString()) + ")");
        sqlCase(all, "unbalanced parentheses closing the query early", "Refused SQL|Bad SQL|syntax error",
                c -> "SELECT * FROM source WHERE id IN (SELECT 1)); DROP VIEW source; --");
        sqlCase(all, "COPY through query()", "Cannot run the query|Refused", c -> "SELECT * FROM query("
                + DuckSession.literal("COPY (SELECT 1) TO " + DuckSession.literal(c.dir().resolve("q.csv").toString()))
                + ")");
        sqlCase(all, "a file name as a table", "Refused|does not exist", c -> "SELECT * FROM '/etc/passwd'");
        sqlCase(all, "EXPORT DATABASE", refused, c -> "EXPORT DATABASE "
                + DuckSession.literal(c.dir().resolve("exp").toString()));
        sqlCase(all, "CREATE TABLE", refused, c -> "CREATE TABLE stolen AS SELECT * FROM source");
        sqlCase(all, "a CTE over /etc/passwd", access, c -> "WITH x AS (SELECT * FROM read_csv('/etc/passwd')) "
                + "SELECT * FROM x");
        sqlCase(all, "a UNION with /etc/passwd", access, c -> "SELECT id::VARCHAR AS a FROM source UNION ALL "
                + "SELECT column0 FROM read_csv('/etc/passwd', header = false, columns = {'column0': 'VARCHAR'})");
        sqlCase(all, "sniff_csv of a host file", access, c -> "SELECT * FROM sniff_csv('/etc/passwd')");
        add(all, "sql", "query without a pond reads no host file", c -> c.run("query", "--format", "csv",
                "SELECT * FROM read_csv('/etc/passwd')").refused(1, "Refused access"));
        add(all, "sql", "query with an input runs no COPY", c -> {
            c.run("query", "--input", "t=/tables/t.parquet", "COPY t TO "
                    + DuckSession.literal(c.dir().resolve("q.csv").toString())).refused(1, "Refused SQL");
            c.noneOf("q.csv");
        });
        add(all, "sql", "query of pond metadata then a DROP", c -> c.run("query", "--format", "csv",
                "SELECT * FROM pond.nodes; DROP TABLE pond.nodes").refused(1, "Refused SQL"));
        add(all, "sql", "a host CSV read through a URL reads no other host file", c -> {
            Path f = c.host("in.csv", bytes("a\n1\n"));
            c.run("cat", "host+csv://" + f, "--format", "csv", "--sql", "SELECT * FROM read_csv('/etc/passwd')")
                    .refused(1, "Refused access");
        });
    }

    // --- copy-out -------------------------------------------------------------------------------------------------

    private static void copyOut(List<Case> all) {
        add(all, "copy-out", "DEST does not exist", c -> {
            Path missing = c.dir().resolve("missing");
            c.step(() -> c.run("copy", BASELINE, "host://" + missing)
                    .refused(1, "No such host directory", missing.toString()));
            assertThat(missing).doesNotExist();
        });
        add(all, "copy-out", "DEST is a file", c -> {
            Path file = c.host("a-file", bytes("keep me"));
            c.step(() -> c.run("copy", BASELINE, "host://" + file).refused(1, "directory", file.toString()));
            assertThat(file).hasContent("keep me");
        });
        add(all, "copy-out", "DEST names '..' after the host path is read", c -> {
            Path out = c.hostDir("out");
            c.step(() -> c.run("copy", BASELINE, "host://" + out + "/%2e%2e").refused(1, "No such host directory"));
            c.step(() -> c.run("copy", BASELINE, "host://" + out + "/missing/..").refused(1, "No such host directory"));
        });
        add(all, "copy-out", "pond names that look like '..' land inside the destination", c -> {
            Path f = c.host("f.txt", bytes("odd"));
            c.ok("mkdir", "/odd");
            for (String name : List.of("..\\..\\escape", "%2e%2e", ".. ", "...", "\u2025", "..%2f..%2fescape")) {
                c.ok("copy", f.toString(), "/odd/" + name);
            }
            Path out = c.writableDir("out");
            c.ok("copy", "/odd", "host://" + out);
            try (Stream<Path> files = Files.list(out.resolve("odd"))) {
                assertThat(files.map(p -> p.getFileName().toString())).hasSize(6);
            }
        });
        add(all, "copy-out", "a pond path with '..' copies the normalized path", c -> {
            Path out = c.writableDir("out");
            c.ok("copy", "/m/../keep/small.txt", "host://" + out);
            assertThat(out.resolve("small.txt")).hasContent("small baseline\n");
        });
        add(all, "copy-out", "--force onto a host directory of the same name", c -> {
            Path out = c.writableDir("out");
            Path blocker = Files.createDirectories(out.resolve("small.txt"));
            Files.writeString(blocker.resolve("inside"), "inside");
            c.step(() -> c.run("copy", "/keep/small.txt", "host://" + out).refused(1, "Host file exists"));
            c.step(() -> c.run("copy", "--force", "/keep/small.txt", "host://" + out).refused(1, "small.txt"));
            assertThat(blocker.resolve("inside")).hasContent("inside");
        });
        add(all, "copy-out", "a pattern that matches nothing", c -> c.run("copy", "/nothing/*",
                "host://" + c.hostDir("out")).refused(1, NO_SUCH));
        add(all, "copy-out", "DEST written as a plain host path is not taken for the pond", c -> {
            Path out = c.hostDir("out");
            c.step(() -> c.run("copy", BASELINE, out.toString()).refused(1, "No such file"));
            assertThat(out).isEmptyDirectory();
        });
    }

    // --- a pond of a newer format ---------------------------------------------------------------------------------

    private static void newerFormat(List<Case> all) {
        List<List<String>> commands = List.of(List.of("list"), List.of("list", "-l", "/**"), List.of("cat", BASELINE),
                List.of("cat", "/tables/t.parquet", "--format", "csv", "--sql", "SELECT * FROM source"),
                List.of("describe", "/tables/t.parquet"), List.of("query", "SELECT * FROM pond.nodes"),
                List.of("log"), List.of("show"), List.of("status"), List.of("fsck"), List.of("fsck", "--repair"),
                List.of("recover"), List.of("maintain"), List.of("mkdir", "/new"), List.of("copy", "HOSTFILE", "/"),
                List.of("copy", BASELINE, "host://OUT"), List.of("rm", "/keep/small.txt"),
                List.of("mv", "/m/victim.txt", "/moved.txt"), List.of("init"));
        for (List<String> command : commands) {
            add(all, "newer-format", "pond " + String.join(" ", command).replace("HOSTFILE", "f.txt")
                    .replace("host://OUT", "host:///out"), c -> {
                        Path f = c.host("f.txt", bytes("new"));
                        Path out = c.hostDir("out");
                        c.makeNewerFormat();
                        String before = fingerprint(c.pondDir());
                        String[] args = command.stream().map(a -> a.equals("HOSTFILE") ? f.toString()
                                : a.replace("host://OUT", "host://" + out)).toArray(String[]::new);
                        Outcome outcome = c.run(args);
                        if (command.get(0).equals("init")) {
                            outcome.refused(1, "Already a pond|format version 99");
                        } else {
                            outcome.refused(1, "Pond format too new", "format version 99");
                        }
                        assertThat(fingerprint(c.pondDir())).as("the pond, byte-for-byte").isEqualTo(before);
                        assertThat(out).isEmptyDirectory();
                    });
        }
    }

    // --- options --------------------------------------------------------------------------------------------------

    private static void options(List<Case> all) {
        add(all, "options", "--at-txn -1", c -> c.run("cat", "--at-txn", "-1", BASELINE)
                .refused(1, "No such transaction"));
        add(all, "options", "--at-txn beyond the last transaction", c -> c.run("list", "--at-txn",
                "9223372036854775807").refused(1, "No such transaction"));
        add(all, "options", "--at-txn that is not a number", c -> c.run("cat", "--at-txn", "seven", BASELINE)
                .refused(2, "--at-txn"));
        add(all, "options", "--time-start that is not a time", c -> c.run("cat", "/tables/s.series", "--format", "csv",
                "--time-start", "yesterday'; DROP TABLE x; --").refused(2, "Invalid time"));
        add(all, "options", "--timezone that does not exist", c -> c.run("cat", "/tables/s.series", "--format", "csv",
                "--timezone", "Mars/Olympus_Mons", "--time-start", "2026-01-01").refused(2, "Mars/Olympus_Mons"));
        add(all, "options", "--delimiter of two characters", c -> c.run("copy", "--delimiter", ";;",
                "host+csv://" + c.host("x.csv", bytes("a;b\n1;2\n")), "/x").refused(2, "--delimiter"));
        add(all, "options", "--wait NaN and negative", c -> {
            c.step(() -> c.run("--wait", "NaN", "mkdir", "/w").refused(2, "Invalid wait"));
            c.step(() -> c.run("--wait", "-1", "mkdir", "/w").refused(2, "Invalid wait"));
        });
        add(all, "options", "--format that does not exist", c -> c.run("cat", "/tables/t.parquet", "--format",
                "xlsx").refused(2, "xlsx"));
        add(all, "options", "an unknown command", c -> c.run("frobnicate", "/").refused(2, "frobnicate"));
        add(all, "options", "--pond naming a regular file", c -> {
            Path file = c.host("not-a-pond", bytes("x"));
            c.runOn(file, "list").refused(1, "Not a pond");
            assertThat(file).hasContent("x");
        });
        add(all, "options", "--pond with a NUL", c -> c.runRaw("--pond", c.dir() + "/p\0nd", "list")
                .refused(1, "NUL|Nul"));
        add(all, "options", "a URL with an unknown scheme or no absolute path", c -> {
            c.step(() -> c.run("copy", "host+xls:///etc/passwd", "/x").refused(2, "Invalid URL", "unknown scheme"));
            c.step(() -> c.run("copy", "host+csv://etc/passwd", "/x").refused(2, "Invalid URL", "absolute"));
            c.step(() -> c.run("cat", "csv://relative").refused(2, "Invalid URL"));
        });
    }

    // --- the context of one case ----------------------------------------------------------------------------------

    /** What one case works with: its directory, its pond, and every check made around each command. */
    static final class Ctx {
        private final Path dir;
        private final Path pondDir;
        private final Path inputs;
        private final InProcessPond pond;
        private final Set<Path> writable = new LinkedHashSet<>();
        private final List<Path> tmpTargets = new ArrayList<>();
        private final List<Throwable> soft = new ArrayList<>();
        boolean newerFormat;

        Ctx(Path dir, Path pondDir) throws IOException {
            this.dir = dir;
            this.pondDir = pondDir;
            this.inputs = Files.createDirectories(dir.resolve("in"));
            this.pond = new InProcessPond(pondDir, dir);
        }

        /** One of several independent checks: a failure is recorded and the case goes on to the next. */
        void step(Step check) {
            try {
                check.run();
            } catch (Exception | AssertionError e) {
                soft.add(e);
            }
        }

        /** Every failed step, and what ended the case early if anything did, as one failure. */
        void failedSteps() throws Throwable {
            if (soft.isEmpty()) {
                return;
            }
            if (soft.size() == 1) {
                throw soft.get(0);
            }
            StringBuilder message = new StringBuilder(soft.size() + " check(s) failed:");
            for (Throwable t : soft) {
                message.append("\n  - ").append(String.valueOf(t.getMessage()).replace("\n", "\n    "));
            }
            AssertionError all = new AssertionError(message.toString(), soft.get(0));
            soft.stream().skip(1).forEach(all::addSuppressed);
            throw all;
        }

        Path dir() {
            return dir;
        }

        Path pondDir() {
            return pondDir;
        }

        /** A host input file. */
        Path host(String name, byte[] content) throws IOException {
            return Files.write(inputs.resolve(name), content);
        }

        /** A host directory nothing may be written into. */
        Path hostDir(String name) throws IOException {
            return Files.createDirectories(dir.resolve(name));
        }

        /** A host directory a command may write into. */
        Path writableDir(String name) throws IOException {
            Path d = hostDir(name);
            writable.add(d);
            return d;
        }

        /** A path in the host temp directory that must never appear. */
        Path tmpTarget(String name) {
            Path p = TMP.resolve("pond-hostile-" + UUID.randomUUID() + "-" + name);
            tmpTargets.add(p);
            return p;
        }

        /** One pond data file (Parquet), for attacks on the files themselves. */
        Path anyDataFile() throws IOException {
            try (Stream<Path> all = Files.walk(pondDir.resolve("data"))) {
                return all.filter(p -> p.toString().contains("part_id=") && p.toString().endsWith(".parquet"))
                        .sorted().findFirst().orElseThrow();
            }
        }

        /** Symlinks made through the Java API (the CLI cannot make them): path, target, path, target... */
        void links(String... pairs) {
            try (Pond p = Pond.open(pondDir)) {
                p.write(Invocation.current(List.of("pond", "test", "symlinks")), Duration.ofSeconds(10), tx -> {
                    for (int i = 0; i < pairs.length; i += 2) {
                        PondPath path = PondPath.parse(pairs[i]);
                        tx.mkdirs(path.parent());
                        tx.symlink(path, pairs[i + 1]);
                    }
                    return null;
                });
            }
        }

        /** Appends a commit whose metadata says format version 99, as a newer program would. */
        void makeNewerFormat() throws IOException {
            try (Pond p = Pond.open(pondDir)) {
                Action.Metadata old = p.data().delta().metadata();
                Map<String, String> newer = new HashMap<>(old.configuration());
                newer.put("pond.format-version", "99");
                p.data().log().commit(p.latestTxn() + 1, List.of(new Action.Metadata(old.id(), old.schemaString(),
                        old.partitionColumns(), newer, old.createdTime())));
            }
            newerFormat = true;
        }

        Outcome ok(String... args) throws Exception {
            return run(args).succeeded();
        }

        Outcome run(String... args) throws Exception {
            return runWithInput(new byte[0], args);
        }

        /** Runs one command with every check that holds for any command, whatever it was given. */
        Outcome runWithInput(byte[] stdin, String... args) throws Exception {
            return checked(List.of(args), () -> pond.runWithInput(stdin, args));
        }

        /** Runs on another pond directory (the case's pond is still checked for changes). */
        Outcome runOn(Path otherPond, String... args) throws Exception {
            InProcessPond other = new InProcessPond(otherPond, dir);
            List<String> shown = new ArrayList<>(List.of("--pond", otherPond.toString()));
            shown.addAll(List.of(args));
            return checked(shown, () -> other.run(args));
        }

        /** Runs exactly these arguments (no --pond added), e.g. a --pond that is not a path at all. */
        Outcome runRaw(String... args) throws Exception {
            return checked(List.of(args), () -> {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
                CliContext context = new CliContext(java.io.InputStream.nullInputStream(),
                        new java.io.PrintStream(out, true), new java.io.PrintStream(err, true), Map.of(), dir,
                        CliContext.Terminal.NONE);
                int code = PondCli.run(context, args);
                return new InProcessPond.Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
            });
        }

        private Outcome checked(List<String> args, java.util.function.Supplier<InProcessPond.Run> command)
                throws Exception {
            Map<String, String> hostBefore = tree(dir, pondDir);
            Map<String, String> dataBefore = files(tree(pondDir.resolve("data"), null));
            Map<String, String> pondBefore = tree(pondDir, pondDir.resolve("cache"));
            Set<String> tmpBefore = tmpLeftovers();
            long start = System.nanoTime();
            InProcessPond.Run run = command.get();
            commandsRun.incrementAndGet();
            Outcome outcome = new Outcome(args, run);
            timeByCommand.computeIfAbsent(outcome.command(), k -> new AtomicLong())
                    .addAndGet(System.nanoTime() - start);
            if (Boolean.getBoolean("hostile.verbose")) {
                System.out.println("  " + outcome);
            }
            outcome.clean();
            List<String> escaped = new ArrayList<>();
            Map<String, String> hostAfter = tree(dir, pondDir);
            for (String changed : changes(hostBefore, hostAfter)) {
                Path p = dir.resolve(changed);
                if (writable.stream().noneMatch(w -> p.startsWith(w) && !p.equals(w))) {
                    escaped.add(changed + " (" + hostBefore.get(changed) + " -> " + hostAfter.get(changed) + ")");
                }
            }
            assertThat(escaped).as("host files written outside where %s may write", outcome).isEmpty();
            assertThat(newTmpLeftovers(tmpBefore)).as("left in the host temp directory by %s", outcome).isEmpty();
            for (Path target : tmpTargets) {
                assertThat(target).as("written by %s", outcome).doesNotExist();
            }
            if (run.exitCode() != 0) {
                assertThat(changes(dataBefore, files(tree(pondDir.resolve("data"), null))))
                        .as("pond data changed by failed %s", outcome).isEmpty();
            }
            if (outcome.isReadOnly()) {
                assertThat(changes(pondBefore, tree(pondDir, pondDir.resolve("cache"))))
                        .as("pond changed by read-only %s", outcome).isEmpty();
            }
            return outcome;
        }

        /** Runs a command that must finish {@link #QUICKLY}, with a result or a clear error. */
        Outcome quickly(String... args) throws Exception {
            CompletableFuture<Outcome> running = new CompletableFuture<>();
            Thread worker = new Thread(() -> {
                try {
                    running.complete(run(args));
                } catch (Throwable t) {
                    running.completeExceptionally(t);
                }
            }, "hostile-glob");
            worker.setDaemon(true);
            long start = System.nanoTime();
            worker.start();
            try {
                return running.get(QUICKLY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("pond " + shown(List.of(args)) + " did not finish within "
                        + QUICKLY.toSeconds() + " s (still running; abandoned)");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw (Error) e.getCause();
            } finally {
                if (Boolean.getBoolean("hostile.verbose")) {
                    System.out.printf(Locale.ROOT, "  %s: %d ms%n", shown(List.of(args)),
                            (System.nanoTime() - start) / 1_000_000);
                }
            }
        }

        /** None of these names appeared anywhere in the case's directory. */
        void noneOf(String... names) throws IOException {
            Set<String> forbidden = Set.of(names);
            try (Stream<Path> all = Files.walk(dir)) {
                assertThat(all.filter(p -> forbidden.contains(p.getFileName().toString())).toList()).isEmpty();
            }
        }

        /** No entry anywhere in the pond has one of these names. */
        void noEntryNamed(String... names) throws Exception {
            String listing = ok("list", "-a", "--format", "jsonl", "/**").out();
            for (String name : names) {
                assertThat(listing).doesNotContain("\"name\":\"" + name + "\"");
            }
        }

        /** Rule 4: fsck passes (unless these exact bytes already passed it) and the baseline reads back byte-exact. */
        void nothingLost() throws Exception {
            String fingerprint = fingerprint(pondDir);
            if (checkedByFsck.contains(fingerprint)) {
                fsckSkipped.incrementAndGet();
            } else {
                Outcome fsck = run("fsck");
                assertThat(fsck.run().exitCode()).as("pond fsck after the case: %s", fsck).isZero();
                checkedByFsck.add(fingerprint(pondDir));
            }
            Outcome cat = run("cat", BASELINE);
            assertThat(cat.run().exitCode()).as("%s", cat).isZero();
            assertThat(cat.run().stdout()).as("the baseline file, byte-exact").isEqualTo(baseline);
        }
    }

    /** A command and what it did, with the checks every command must pass. */
    record Outcome(List<String> args, InProcessPond.Run run) {

        private static final Pattern STACK_FRAME = Pattern.compile("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)");
        private static final Pattern THROWABLE = Pattern.compile(
                "\\b(java|javax|sun|jdk|io\\.duckpond|org\\.duckdb|picocli)\\.[\\w.$]*(Exception|Error)\\b");

        String out() {
            return run.out();
        }

        /** The command word, after the options that may precede it. */
        String command() {
            int at = 0;
            while (at + 1 < args.size() && (args.get(at).equals("--pond") || args.get(at).equals("--wait"))) {
                at += 2;
            }
            return at < args.size() ? args.get(at) : "";
        }

        /** Rules 1 and 2 for every command: a clean message and a documented exit code. */
        void clean() {
            String err = run.stderr();
            assertThat(run.exitCode()).as("exit code of %s", this).isIn(0, 1, 2);
            for (String text : List.of(err, run.out())) {
                assertThat(text).as("%s", this).doesNotContain("internal error").doesNotContain("NullPointerException")
                        .doesNotContain("Exception in thread").doesNotContain("Caused by:").doesNotContain("\tat ");
                assertThat(STACK_FRAME.matcher(text).find()).as("a stack frame in %s", this).isFalse();
                assertThat(THROWABLE.matcher(text).find()).as("a Java exception name in %s", this).isFalse();
            }
            if (run.exitCode() != 0) {
                assertThat(err).as("%s", this).startsWith("pond: ");
                assertThat(err.chars().filter(ch -> ch != '\n' && (ch < 0x20 || ch == 0x7f)).findFirst())
                        .as("a raw control character in the error of %s", this).isEmpty();
                for (String line : err.split("\n", -1)) {
                    if (!line.isEmpty()) {
                        assertThat(line.startsWith("pond: ") || line.matches("Try 'pond.*--help' for usage\\."))
                                .as("every stderr line of a failure is one 'pond: ' message; got line '%s' in %s",
                                        line, this).isTrue();
                    }
                }
            }
        }

        Outcome succeeded() {
            assertThat(run.exitCode()).as("%s", this).isZero();
            return this;
        }

        /** Refused with {@code exit} and a message holding each fragment ({@code a|b}: either a or b). */
        Outcome refused(int exit, String... fragments) {
            assertThat(run.exitCode()).as("exit code of %s", this).isEqualTo(exit);
            assertThat(run.stdout()).as("stdout of refused %s", this).isEmpty();
            for (String fragment : fragments) {
                List<String> either = List.of(fragment.split("\\|"));
                assertThat(either.stream().anyMatch(run.stderr()::contains))
                        .as("stderr of %s names %s", this, fragment).isTrue();
            }
            return this;
        }

        /** Either accepted (true) or refused as {@link #refused} says (false). */
        boolean acceptedOrRefused(int exit, String... fragments) {
            if (run.exitCode() == 0) {
                return true;
            }
            refused(exit, fragments);
            return false;
        }

        /** Commands that only read: the pond must be exactly as it was afterwards (its cache aside). */
        boolean isReadOnly() {
            String last = args.get(args.size() - 1);
            switch (command()) {
                case "list", "ls", "cat", "describe", "query", "log", "show", "status":
                    return true;
                case "fsck":
                    return !args.contains("--repair");
                case "copy", "cp":
                    return last.startsWith("host://") || last.startsWith("host+");
                default:
                    return false;
            }
        }

        @Override
        public String toString() {
            return "pond " + shown(args) + " -> exit " + run.exitCode() + "; stdout " + abbreviate(run.out())
                    + "; stderr " + abbreviate(run.stderr());
        }
    }

    // --- host files -----------------------------------------------------------------------------------------------

    static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    /** What pond names its temp files and directories (pond-query-, pond-convert-, ...), and this test's targets. */
    static final List<String> TMP_PREFIXES = List.of("pond-stdin-", "pond-convert-", "pond-query-", "pond-cache-",
            "pond-arrow-", "pond-hostile-", ".pond-");

    private static String shown(List<String> args) {
        return abbreviate(String.join(" ", args).replace("\0", "\\0"));
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…(" + oneLine.length() + " chars)" : oneLine;
    }

    /** Every file, directory and symlink below {@code root} (not below {@code skip}), with size and time. */
    static Map<String, String> tree(Path root, Path skip) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (d.equals(skip)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                out.put(root.relativize(d).toString(), "directory");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                out.put(root.relativize(f).toString(), attrs.isSymbolicLink() ? "link to " + Files.readSymbolicLink(f)
                        : "file of " + attrs.size() + " bytes at " + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    /** Files and symlinks only (an empty directory left behind holds nothing). */
    private static Map<String, String> files(Map<String, String> tree) {
        Map<String, String> out = new TreeMap<>(tree);
        out.values().removeIf("directory"::equals);
        return out;
    }

    private static Set<String> changes(Map<String, String> before, Map<String, String> after) {
        Set<String> out = new TreeSet<>();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                out.add(k);
            }
        });
        after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(out::add);
        return out;
    }

    /** Files pond or DuckDB make in the host temp directory (by name), and DuckDB's spill directory. */
    static Set<String> tmpLeftovers() throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> entries = Files.list(TMP)) {
            entries.map(p -> p.getFileName().toString())
                    .filter(n -> TMP_PREFIXES.stream().anyMatch(n::startsWith))
                    .forEach(out::add);
        }
        Path spill = TMP.resolve("duckpond-spill");
        if (Files.isDirectory(spill)) {
            try (Stream<Path> entries = Files.list(spill)) {
                entries.forEach(p -> out.add("duckpond-spill/" + p.getFileName()));
            }
        }
        return out;
    }

    /** New temp entries that stay (another process's short-lived temp files come and go; a leftover stays). */
    private static Set<String> newTmpLeftovers(Set<String> before) throws Exception {
        Set<String> added = new TreeSet<>(tmpLeftovers());
        added.removeAll(before);
        if (added.isEmpty()) {
            return added;
        }
        tmpSettles.incrementAndGet();
        for (int i = 0; i < 15 && !added.isEmpty(); i++) {
            Thread.sleep(100);
            added.retainAll(tmpLeftovers());
        }
        return added;
    }

    /** SHA-256 over every file's relative path and bytes. */
    static String fingerprint(Path root) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path p : files) {
            sha.update(root.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(p));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static void copyTree(Path from, Path to) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(from)) {
            all = walk.toList();
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
