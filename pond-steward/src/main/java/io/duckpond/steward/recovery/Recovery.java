package io.duckpond.steward.recovery;

import io.duckpond.steward.Pond;
import io.duckpond.steward.control.ControlRecord;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tlogfs.delta.Action;
import io.duckpond.tlogfs.delta.DeltaLog;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.oplog.OplogPersistence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Puts a pond back in order after a crash: a transaction is wholly present or wholly absent already (the commit point
 * is one atomic link), so recovery only completes control records and removes what no commit references: temp files,
 * data files of transactions that never published, large files no row points at, and damaged cache copies. Runs
 * under the writer lock.
 */
public final class Recovery {

    private final Pond pond;

    public Recovery(Pond pond) {
        this.pond = pond;
    }

    /** The control record of a committed transaction, rebuilt from the facts in its data commit. */
    @SuppressWarnings("unchecked")
    public static ControlRecord recordFromCommit(OplogPersistence data, long txnSeq, String pondId) throws IOException {
        Map<String, Object> info = data.commitInfo(txnSeq).orElse(Map.of());
        Map<String, Object> facts = (Map<String, Object>) info.getOrDefault("pond", Map.of());
        long committed = info.get("timestamp") instanceof Number n ? n.longValue() * 1000 : 0;
        List<String> command = ((List<Object>) facts.getOrDefault("command", List.of()))
                .stream().map(String::valueOf).toList();
        return new ControlRecord(Optional.of(txnSeq), command, ControlRecord.Outcome.COMMITTED,
                String.valueOf(facts.getOrDefault("user", "unknown")), String.valueOf(facts.getOrDefault("host", "unknown")),
                facts.get("pid") instanceof Number n ? n.longValue() : 0,
                facts.get("started") instanceof Number n ? n.longValue() : committed, committed, pondId,
                Optional.of("recorded by recovery: the command stopped after its commit"));
    }

    public RecoveryReport sweep(int controlRecordsCompleted) {
        try {
            Path data = pond.layout().data();
            Path control = pond.layout().control();
            int temporary = removeTemporary(data.resolve("_delta_log")) + removeTemporary(control.resolve("_delta_log"))
                    + removeTemporary(data.resolve("_large_files"));
            int dataFiles = removeUnreferenced(pond.data().log());
            int controlFiles = removeUnreferenced(pond.control().log());
            int largeFiles = removeUnreferencedLargeFiles();
            int cache = clearDamagedCache(pond.layout().cache());
            return new RecoveryReport(controlRecordsCompleted, temporary, dataFiles, controlFiles, largeFiles, cache);
        } catch (IOException | SQLException e) {
            throw Errors.io("recover", pond.layout().root(), e);
        }
    }

    /**
     * The cache holds copies of small committed contents named by their SHA-256; a crash can leave one cut short.
     * Each is re-hashed (they are under 64 KiB) and removed if it does not match its name; readers write it again.
     */
    private static int clearDamagedCache(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> all = Files.walk(cache)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                String actual = java.util.HexFormat.of().formatHex(
                        io.duckpond.tlogfs.store.LargeFileStore.sha256().digest(Files.readAllBytes(p)));
                if (!actual.equals(name)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Names starting with '.' are temp files of an interrupted write: never referenced by any reader. */
    private static int removeTemporary(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                if (p.getFileName().toString().startsWith(".")) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Parquet files of a table that no commit, in all its history, adds. */
    private static int removeUnreferenced(DeltaLog log) throws IOException {
        if (!log.exists()) {
            return 0;
        }
        Set<Path> referenced = new HashSet<>();
        long latest = log.latestVersion();
        for (long v = 0; v <= latest; v++) {
            for (Action a : log.readCommit(v)) {
                if (a instanceof Action.AddFile add) {
                    referenced.add(log.tableRoot().resolve(add.relativePath()).normalize());
                }
            }
        }
        int removed = 0;
        try (Stream<Path> all = Files.walk(log.tableRoot())) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                Path relative = log.tableRoot().relativize(p);
                String first = relative.getName(0).toString();
                if (first.startsWith("_") || !p.toString().endsWith(".parquet")) {
                    continue;
                }
                if (!referenced.contains(p.normalize())) {
                    Files.delete(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** Large files that no oplog row names (their transaction never published). */
    private int removeUnreferencedLargeFiles() throws IOException, SQLException {
        Path store = pond.data().store().root();
        if (!Files.isDirectory(store)) {
            return 0;
        }
        List<Path> files = pond.data().delta().files().stream()
                .map(f -> pond.data().log().tableRoot().resolve(f.relativePath())).toList();
        Set<String> referenced = new HashSet<>(pond.duck().query("SELECT DISTINCT sha256 FROM read_parquet("
                + DuckSession.pathList(files) + ") WHERE content IS NULL AND sha256 IS NOT NULL", r -> r.getString(1)));
        int removed = 0;
        try (Stream<Path> all = Files.walk(store)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                if (!referenced.contains(p.getFileName().toString())) {
                    Files.delete(p);
                    removed++;
                }
            }
        }
        return removed;
    }
}
