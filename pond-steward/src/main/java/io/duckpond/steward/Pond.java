package io.duckpond.steward;

import io.duckpond.steward.control.ControlLog;
import io.duckpond.steward.control.ControlRecord;
import io.duckpond.steward.lock.WriterLock;
import io.duckpond.steward.recovery.Recovery;
import io.duckpond.steward.recovery.RecoveryReport;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.PondException;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.Transaction;
import io.duckpond.tinyfs.node.NodeId;
import io.duckpond.tinyfs.spi.ChangeSet;
import io.duckpond.tinyfs.spi.PendingCommit;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Disk;
import io.duckpond.tlogfs.io.Durable;
import io.duckpond.tlogfs.oplog.OplogPersistence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A pond on disk. Reads need no lock and never change anything; each write command is one transaction under the
 * writer lock: one data commit (the commit point), then one control record.
 */
public final class Pond implements AutoCloseable {

    /** The newest on-disk format this program reads and writes. */
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> POND_ENTRIES = Set.of("lock", "data", "control", "cache");

    private final PondLayout layout;
    private final DuckSession duck;
    private final OplogPersistence data;
    private final ControlLog control;
    private final List<String> warnings = new ArrayList<>();

    private Pond(PondLayout layout, DuckSession duck, OplogPersistence data) {
        this.layout = layout;
        this.duck = duck;
        this.data = data;
        this.control = new ControlLog(layout.control(), duck);
    }

    /**
     * Creates a pond in {@code directory} (new, empty, or left over from an interrupted init) as transaction 0.
     *
     * @param birthplace a label for where the pond was made; defaults to host:path
     */
    public static Pond init(Path directory, Invocation invocation, Optional<String> birthplace) {
        PondLayout layout = new PondLayout(directory);
        Path root = layout.root();
        requireNoPond(layout);
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw Errors.notADirectory(root);
        }
        try {
            Durable.createDirectories(root);
            try (Stream<Path> entries = Files.list(root)) {
                List<String> foreign = entries.map(p -> p.getFileName().toString())
                        .filter(n -> !POND_ENTRIES.contains(n)).sorted().toList();
                if (!foreign.isEmpty()) {
                    throw Errors.of(Problem.Kind.INVALID_INPUT, "Directory not empty", root + " holds " + foreign,
                            "choose a new or empty directory");
                }
            }
            requireHardLinks(root);
        } catch (IOException e) {
            throw Errors.io("create the pond", root, e);
        }
        try (WriterLock lock = WriterLock.acquire(layout.lock(), invocation, WriterLock.DEFAULT_WAIT)) {
            // Again under the lock: another init may have made the pond while this one waited.
            requireNoPond(layout);
            try {
                // Leftovers of an init that died before its commit: no reader ever saw them.
                deleteTree(layout.data());
                deleteTree(layout.control());
            } catch (IOException e) {
                throw Errors.io("clear an interrupted init", root, e);
            }
            String id = NodeId.generate().value();
            Map<String, String> configuration = new LinkedHashMap<>();
            configuration.put("pond.id", id);
            configuration.put("pond.format-version", Integer.toString(FORMAT_VERSION));
            configuration.put("pond.birthplace", birthplace.orElse(invocation.host() + ":" + root));
            configuration.put("pond.host", invocation.host());
            configuration.put("pond.user", invocation.user());
            configuration.put("pond.created", Clock.toInstant(invocation.startedMicros()).toString());
            DuckSession duck = DuckSession.open();
            try {
                OplogPersistence.create(layout.data(), duck, configuration, commitInfo(invocation, id),
                        invocation.startedMicros());
                ControlRecord first = new ControlRecord(Optional.of(0L), invocation.command(),
                        ControlRecord.Outcome.COMMITTED, invocation.user(), invocation.host(), invocation.pid(),
                        invocation.startedMicros(), Clock.nowMicros(), id, Optional.empty());
                new ControlLog(layout.control(), duck).create(List.of(first), Map.of("pond.id", id));
                return new Pond(layout, duck, OplogPersistence.open(layout.data(), duck, w -> {}));
            } catch (IOException | RuntimeException e) {
                duck.close();
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw Errors.io("create the pond", root, e);
            }
        }
    }

    private static void requireNoPond(PondLayout layout) {
        if (Files.exists(layout.data().resolve("_delta_log").resolve("00000000000000000000.json"))) {
            throw Errors.of(Problem.Kind.ALREADY_EXISTS, "Already a pond", layout.root().toString(),
                    "use it as it is, or choose another directory");
        }
    }

    /** Opens an existing pond; reading never creates, locks or changes anything. */
    public static Pond open(Path directory) {
        PondLayout layout = new PondLayout(directory);
        if (!Files.exists(layout.data().resolve("_delta_log").resolve("00000000000000000000.json"))) {
            throw notAPond(layout.root());
        }
        DuckSession duck = DuckSession.open();
        try {
            List<String> warnings = new ArrayList<>();
            OplogPersistence data = OplogPersistence.open(layout.data(), duck, warnings::add);
            checkFormatVersion(layout.root(), data.configuration());
            Pond pond = new Pond(layout, duck, data);
            pond.warnings.addAll(warnings);
            return pond;
        } catch (IOException | RuntimeException e) {
            duck.close();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw Errors.io("open the pond", layout.root(), e);
        }
    }

    public static PondException notAPond(Path path) {
        return Errors.of(Problem.Kind.NOT_FOUND, "Not a pond", path.toString(), "run 'pond init' first");
    }

    private static void checkFormatVersion(Path root, Map<String, String> configuration) {
        String text = configuration.getOrDefault("pond.format-version", "");
        int version;
        try {
            version = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw Errors.corrupt(root.toString(), "pond.format-version is '" + text + "'");
        }
        if (version > FORMAT_VERSION) {
            throw Errors.of(Problem.Kind.UNSUPPORTED_VERSION, "Pond format too new",
                    root + " has format version " + version + "; this program reads up to " + FORMAT_VERSION,
                    "use a newer DuckPond; this one will not read or change the pond");
        }
    }

    private static void requireHardLinks(Path root) throws IOException {
        Path probe = Durable.writeTemporary(root, new byte[0], ".probe");
        Path link = root.resolve("." + probe.getFileName() + ".link");
        try {
            Files.createLink(link, probe);
        } catch (UnsupportedOperationException | IOException e) {
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Unsupported file system",
                    root + " does not support hard links, which pond needs to publish commits atomically",
                    "put the pond on a local file system such as ext4 or xfs");
        } finally {
            Files.deleteIfExists(link);
            Files.deleteIfExists(probe);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static Map<String, Object> commitInfo(Invocation invocation, String pondId) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("command", invocation.command());
        info.put("user", invocation.user());
        info.put("host", invocation.host());
        info.put("pid", invocation.pid());
        info.put("started", invocation.startedMicros());
        info.put("pond_id", pondId);
        return info;
    }

    // --- reading ----------------------------------------------------------------------------------------------

    public PondLayout layout() {
        return layout;
    }

    public String id() {
        return data.configuration().getOrDefault("pond.id", "");
    }

    public Map<String, String> configuration() {
        return data.configuration();
    }

    /** The filesystem at the newest transaction. */
    public FileSystemView read() {
        return new FileSystemView(data.latest());
    }

    /** The filesystem right after transaction {@code txnSeq}. */
    public FileSystemView readAt(long txnSeq) {
        return new FileSystemView(data.asOf(txnSeq));
    }

    public long latestTxn() {
        return data.latest().txnSeq();
    }

    public OplogPersistence data() {
        return data;
    }

    public ControlLog control() {
        return control;
    }

    /** The process's DuckDB session, for reading Parquet the pond holds or is given. */
    public DuckSession duck() {
        return duck;
    }

    /** Warnings gathered while opening (e.g. a checkpoint that could not be written). */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    // --- writing ----------------------------------------------------------------------------------------------

    /**
     * Runs {@code work} as one transaction under the writer lock. Changes commit together or not at all; a failure
     * before the commit point is recorded in the control table as a failed attempt and rethrown.
     */
    public <T> Written<T> write(Invocation invocation, Duration lockWait, Function<Transaction, T> work) {
        try (WriterLock lock = WriterLock.acquire(layout.lock(), invocation, lockWait)) {
            List<String> notes = new ArrayList<>();
            int completed = completeControlRecords();
            if (completed > 0) {
                notes.add("completed the control records of " + completed + " earlier transaction(s) whose command "
                        + "was interrupted after committing");
            }
            T result = null;
            long txnSeq;
            try (PendingCommit pending = data.begin()) {
                txnSeq = pending.base().txnSeq() + 1;
                Transaction tx = new Transaction(pending, Clock.nowMicros());
                boolean committing = false;
                try {
                    result = work.apply(tx);
                    ChangeSet changes = tx.changes();
                    if (changes.isEmpty()) {
                        return new Written<>(result, Optional.empty(), notes);
                    }
                    committing = true;
                    pending.commit(changes, commitInfo(invocation, id()));
                } catch (RuntimeException e) {
                    if (!committing || data.log().latestVersion() < txnSeq) {
                        recordFailure(invocation, e, notes);
                        throw e;
                    }
                    notes.add("transaction " + txnSeq + " is committed, but a step after its commit point failed ("
                            + e.getMessage() + "); run 'pond recover' if later commands complain");
                }
            }
            try {
                Disk.reached("transaction:between-data-and-control");
            } catch (IOException e) {
                notes.add("transaction " + txnSeq + " committed, but its control record could not be written ("
                        + e.getMessage() + "); run 'pond recover' to complete it");
                return new Written<>(result, Optional.of(txnSeq), notes);
            }
            recordCommit(invocation, txnSeq, notes);
            return new Written<>(result, Optional.of(txnSeq), notes);
        }
    }

    private void recordCommit(Invocation invocation, long txnSeq, List<String> notes) {
        ControlRecord record = new ControlRecord(Optional.of(txnSeq), invocation.command(),
                ControlRecord.Outcome.COMMITTED, invocation.user(), invocation.host(), invocation.pid(),
                invocation.startedMicros(), Clock.nowMicros(), id(), Optional.empty());
        try {
            control.append(List.of(record));
        } catch (IOException | SQLException | RuntimeException e) {
            notes.add("transaction " + txnSeq + " committed, but its control record could not be written ("
                    + e.getMessage() + "); run 'pond recover' to complete it");
        }
    }

    /** What went wrong, as a user reads it: the problem's own words, not a Java class name. */
    private static String reason(RuntimeException failure) {
        Throwable e = failure instanceof java.io.UncheckedIOException && failure.getCause() != null
                ? failure.getCause() : failure;
        return e.getMessage() == null ? e.toString() : Errors.firstLine(e.getMessage());
    }

    private void recordFailure(Invocation invocation, RuntimeException failure, List<String> notes) {
        ControlRecord record = new ControlRecord(Optional.empty(), invocation.command(), ControlRecord.Outcome.FAILED,
                invocation.user(), invocation.host(), invocation.pid(), invocation.startedMicros(), Clock.nowMicros(),
                id(), Optional.of(reason(failure)));
        try {
            control.append(List.of(record));
        } catch (IOException | SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Writes the control records of transactions that committed without one (the process died in between), from the
     * facts their data commits carry. Cheap when nothing is missing: it compares two numbers.
     */
    private int completeControlRecords() {
        try {
            long recorded = control.recordedThrough();
            long latest = data.latest().txnSeq();
            if (recorded >= latest) {
                return 0;
            }
            List<ControlRecord> missing = new ArrayList<>();
            for (long txn = recorded + 1; txn <= latest; txn++) {
                missing.add(Recovery.recordFromCommit(data, txn, id()));
            }
            if (control.exists()) {
                control.append(missing);
            } else {
                control.create(missing, Map.of("pond.id", id()));
            }
            return missing.size();
        } catch (IOException | SQLException e) {
            throw Errors.io("complete the control records", layout.control(), e);
        }
    }

    /** What {@code pond maintain} did. */
    public record Maintained(Optional<Long> txnSeq, int partitions, int dataFilesBefore, int controlFilesBefore) {}

    /**
     * {@code pond maintain}: rewrites each partition's small files into one and checkpoints, so opening the pond and
     * scanning a directory stay cheap as history grows. Changes no content; history stays readable. A transaction.
     */
    public Maintained maintain(Invocation invocation, Duration lockWait) {
        try (WriterLock lock = WriterLock.acquire(layout.lock(), invocation, lockWait)) {
            completeControlRecords();
            Optional<OplogPersistence.Compacted> compacted = data.compact(commitInfo(invocation, id()),
                    Clock.nowMicros());
            int controlFiles = control.compact();
            if (compacted.isEmpty()) {
                return new Maintained(Optional.empty(), 0, 0, controlFiles);
            }
            List<String> notes = new ArrayList<>();
            recordCommit(invocation, compacted.get().txnSeq(), notes);
            return new Maintained(Optional.of(compacted.get().txnSeq()), compacted.get().partitions(),
                    compacted.get().filesBefore(), controlFiles);
        } catch (IOException | SQLException e) {
            throw Errors.io("maintain", layout.root(), e);
        }
    }

    /** {@code pond recover}: completes control records and removes files no commit references. */
    public RecoveryReport recover(Invocation invocation, Duration lockWait) {
        try (WriterLock lock = WriterLock.acquire(layout.lock(), invocation, lockWait)) {
            return new Recovery(this).sweep(completeControlRecords());
        }
    }

    @Override
    public void close() {
        duck.close();
    }
}
