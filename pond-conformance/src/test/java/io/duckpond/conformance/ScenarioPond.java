package io.duckpond.conformance;

import io.duckpond.steward.Invocation;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.fs.Transaction;
import io.duckpond.tinyfs.node.ContentRef;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.EventTimeRange;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A pond made on disk through pond's own API, with enough transactions for a checkpoint at version 100 of both tables.
 * The script cycles through what a pond's oplog holds: small (inline) and large (external) files, new versions of
 * files, series with event times and attributes, nested directories, removals, renames across directories (which
 * rewrite a file's history into the new partition), a symlink, files at the 64 KiB boundary, multi-partition commits
 * and one failed attempt (a control record with no transaction).
 *
 * <p>Making it takes about 9 s (113 fsynced commits), so it is made once per test JVM and every test class works on
 * its own byte-for-byte copy in its own {@code @TempDir} ({@link #copyInto}): Delta paths are relative, so a copy is
 * the same table.
 */
final class ScenarioPond {

    /** Data transactions after {@code pond init} (transaction 0). */
    static final long LAST_TXN = 112;
    /** The attempt (counted from 1) that fails before its commit point. */
    static final int FAILING_ATTEMPT = 50;
    /** The transaction that moves /archive/old/log.txt, with its many versions, to /inbox. */
    static final long MOVE_TXN = 60;
    static final String SERIES_ATTRIBUTE = "duckpond.timestamp_column";

    /** The pond made once per test JVM; tests get copies of it. */
    private static ScenarioPond template;

    final Path root;
    /** Every content pond was given, by SHA-256 hex. */
    final Map<String, byte[]> contents;

    private ScenarioPond(Path root, Map<String, byte[]> contents) {
        this.root = root;
        this.contents = contents;
    }

    Path data() {
        return root.resolve("data");
    }

    Path control() {
        return root.resolve("control");
    }

    /** A copy of the scenario pond in {@code directory}. */
    static synchronized ScenarioPond copyInto(Path directory) {
        try {
            if (template == null) {
                Path home = Files.createTempDirectory("pond-conformance-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(home)));
                template = build(home);
            }
            Path copy = directory.resolve("pond");
            try (Stream<Path> all = Files.walk(template.root)) {
                for (Path from : all.toList()) {
                    Files.copy(from, copy.resolve(template.root.relativize(from).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return new ScenarioPond(copy, template.contents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private static ScenarioPond build(Path directory) {
        Path root = directory.resolve("pond");
        Map<String, byte[]> contents = new HashMap<>();
        Random random = new Random(42);
        try (Pond pond = Pond.init(root, invocation("pond", "init"), Optional.of("conformance"))) {
            int attempt = 0;
            while (pond.latestTxn() < LAST_TXN) {
                attempt++;
                long i = pond.latestTxn() + 1;
                int thisAttempt = attempt;
                try {
                    pond.write(invocation("pond", "script", Long.toString(i)), Duration.ZERO, tx -> {
                        step(tx, i, random, contents);
                        if (thisAttempt == FAILING_ATTEMPT) {
                            throw new IllegalStateException("scripted failure at attempt " + thisAttempt);
                        }
                        return null;
                    });
                } catch (IllegalStateException expected) {
                    if (thisAttempt != FAILING_ATTEMPT) {
                        throw expected;
                    }
                }
            }
        }
        return new ScenarioPond(root, Map.copyOf(contents));
    }

    /** The changes of transaction {@code i}. */
    private static void step(Transaction tx, long i, Random random, Map<String, byte[]> contents) {
        if (i == 1) {
            for (String d : List.of("/inbox", "/archive", "/series", "/archive/old")) {
                tx.mkdir(PondPath.parse(d));
            }
            write(tx, "/inbox/readme.txt", text("hello pond"), contents);
            return;
        }
        if (i == 2) {
            tx.symlink(PondPath.parse("/latest"), "/inbox/readme.txt");
            write(tx, "/inbox/just-inline.bin", bytes(random, LargeFileStore.THRESHOLD - 1), contents);
            write(tx, "/inbox/just-large.bin", bytes(random, LargeFileStore.THRESHOLD), contents);
            return;
        }
        if (i == MOVE_TXN) {
            // a file with many versions moves to another directory: its whole history is written again there
            tx.rename(PondPath.parse("/archive/old/log.txt"), PondPath.parse("/inbox/log.txt"));
            return;
        }
        switch ((int) ((i + 3) % 8)) { // each case refers back to the one 3 or 1 steps before
            case 0 -> write(tx, "/inbox/file-" + (i % 5) + ".txt", text("version of file " + i), contents);
            case 1 -> write(tx, "/inbox/big-" + (i % 3) + ".bin", bytes(random, 70_000 + (int) i), contents);
            case 2 -> {
                byte[] b = text("series rows of " + i);
                long start = 1_767_225_600_000_000L + i * 3_600_000_000L;
                tx.write(PondPath.parse("/series/s-" + (i % 2)), EntryType.FILE_SERIES, stage(tx, b, contents),
                        Optional.of(new EventTimeRange(start, start + 3_599_000_000L)), Map.of(SERIES_ATTRIBUTE, "ts"));
            }
            case 3 -> tx.rename(PondPath.parse("/inbox/file-" + ((i - 3) % 5) + ".txt"),
                    PondPath.parse("/archive/moved-" + i + ".txt"));
            case 4 -> tx.remove(PondPath.parse("/archive/moved-" + (i - 1) + ".txt"));
            case 5 -> {
                tx.mkdir(PondPath.parse("/archive/d-" + i));
                write(tx, "/archive/d-" + i + "/note.txt", text("note " + i), contents);
            }
            case 6 -> {
                write(tx, "/inbox/pair.txt", text("pair " + i), contents);
                write(tx, "/series/pair.txt", text("pair " + i), contents);
                write(tx, "/archive/old/pair.txt", text("pair " + i), contents);
            }
            default -> write(tx, "/archive/old/log.txt", text("log line " + i), contents);
        }
    }

    private static void write(Transaction tx, String path, byte[] b, Map<String, byte[]> contents) {
        tx.write(PondPath.parse(path), EntryType.FILE_DATA, stage(tx, b, contents), Optional.empty(), Map.of());
    }

    private static ContentRef stage(Transaction tx, byte[] b, Map<String, byte[]> contents) {
        contents.put(sha256(b), b);
        try {
            return tx.stage(new ByteArrayInputStream(b));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Invocation invocation(String... argv) {
        return Invocation.current(List.of(argv));
    }
}
