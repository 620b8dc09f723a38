package io.duckpond.steward.recovery;

import io.duckpond.steward.Pond;
import io.duckpond.steward.control.ControlRecord;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tlogfs.delta.Action;
import io.duckpond.tlogfs.delta.DeltaLog;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.oplog.OplogPersistence;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Puts a pond back in order after a crash: a transaction is wholly present or wholly absent already (the commit point
 * is one atomic link), so recovery only completes control records and removes what no commit references: temp files,
 * data files of transactions that never published, large files no row points at, and damaged cache copies. Finding
 * and removing are apart, so {@code pond fsck} reports exactly what {@code pond recover} would remove. Runs under the
 * writer lock when it removes.
 */
public final class Recovery {

    /** Files nothing references, by kind. */
    public record Leftovers(List<Path> temporary, List<Path> dataFiles, List<Path> controlFiles, List<Path> largeFiles,
            List<Path> damagedCache) {
        public boolean isEmpty() {
            return temporary.isEmpty() && dataFiles.isEmpty() && controlFiles.isEmpty() && largeFiles.isEmpty()
                    && damagedCache.isEmpty();
        }
    }

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

    /** What {@link #sweep} would remove; changes nothing. */
    public Leftovers find() {
        try {
            Path data = pond.layout().data();
            Path control = pond.layout().control();
            List<Path> temporary = new ArrayList<>();
            temporary.addAll(temporaryFiles(data.resolve("_delta_log")));
            temporary.addAll(temporaryFiles(control.resolve("_delta_log")));
            temporary.addAll(temporaryFiles(data.resolve("_large_files")));
            return new Leftovers(temporary, unreferenced(pond.data().log()), unreferenced(pond.control().log()),
                    unreferencedLargeFiles(), damagedCache(pond.layout().cache()));
        } catch (IOException | SQLException e) {
            throw Errors.io("look for leftovers", pond.layout().root(), e);
        }
    }

    /** Removes every leftover {@link #find} reports. */
    public RecoveryReport sweep(int controlRecordsCompleted) {
        Leftovers leftovers = find();
        try {
            return new RecoveryReport(controlRecordsCompleted, delete(leftovers.temporary()),
                    delete(leftovers.dataFiles()), delete(leftovers.controlFiles()), delete(leftovers.largeFiles()),
                    delete(leftovers.damagedCache()));
        } catch (IOException e) {
            throw Errors.io("remove leftovers", pond.layout().root(), e);
        }
    }

    private static int delete(List<Path> files) throws IOException {
        for (Path p : files) {
            Files.deleteIfExists(p);
        }
        return files.size();
    }

    /**
     * The cache holds copies of small committed contents named by their SHA-256; a crash can leave one cut short.
     * Each is re-hashed (they are under 64 KiB); one that does not match its name is damaged (readers write it again).
     */
    private static List<Path> damagedCache(Path cache) throws IOException {
        List<Path> damaged = new ArrayList<>();
        if (!Files.isDirectory(cache)) {
            return damaged;
        }
        try (Stream<Path> all = Files.walk(cache)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String actual = HexFormat.of().formatHex(LargeFileStore.sha256().digest(Files.readAllBytes(p)));
                if (!actual.equals(p.getFileName().toString())) {
                    damaged.add(p);
                }
            }
        }
        return damaged;
    }

    /** Names starting with '.' are temp files of an interrupted write: never referenced by any reader. */
    private static List<Path> temporaryFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    /** Parquet files of a table that no commit, in all its history, adds. */
    private static List<Path> unreferenced(DeltaLog log) throws IOException {
        if (!log.exists()) {
            return List.of();
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
        List<Path> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(log.tableRoot())) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String first = log.tableRoot().relativize(p).getName(0).toString();
                if (!first.startsWith("_") && p.toString().endsWith(".parquet") && !referenced.contains(p.normalize())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Large files that no oplog row names (their transaction never published). */
    private List<Path> unreferencedLargeFiles() throws IOException, SQLException {
        Path store = pond.data().store().root();
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        Set<String> referenced = referencedLargeFiles(pond);
        try (Stream<Path> all = Files.walk(store)) {
            return all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !referenced.contains(p.getFileName().toString())).toList();
        }
    }

    /** The SHA-256 of every content some oplog row keeps in the large-file store. */
    static Set<String> referencedLargeFiles(Pond pond) throws SQLException {
        List<Path> files = pond.data().delta().files().stream()
                .map(f -> pond.data().log().tableRoot().resolve(f.relativePath())).toList();
        return new HashSet<>(pond.duck().query("SELECT DISTINCT sha256 FROM read_parquet("
                + DuckSession.pathList(files) + ") WHERE content IS NULL AND sha256 IS NOT NULL", r -> r.getString(1)));
    }
}
