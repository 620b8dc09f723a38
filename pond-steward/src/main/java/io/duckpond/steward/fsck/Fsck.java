package io.duckpond.steward.fsck;

import io.duckpond.steward.Invocation;
import io.duckpond.steward.Pond;
import io.duckpond.steward.lock.WriterLock;
import io.duckpond.steward.recovery.Recovery;
import io.duckpond.steward.recovery.RecoveryReport;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.PondException;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tlogfs.delta.Action;
import io.duckpond.tlogfs.delta.DeltaLog;
import io.duckpond.tlogfs.delta.DeltaSnapshot;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Durable;
import io.duckpond.tlogfs.io.Json;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code pond fsck}: checks everything a pond's reads depend on, without trusting any of it. Every commit of both
 * tables parses; every checkpoint agrees with the commits it summarizes; every data file is there, whole and readable;
 * every inline content matches its recorded hash; every large file is there and re-hashes to its name; every
 * directory reads and every entry's latest version exists; the control table has a record for every transaction;
 * nothing is left over that nothing references.
 */
public final class Fsck {

    private final Pond pond;
    private final List<Finding> findings = new ArrayList<>();

    private Fsck(Pond pond) {
        this.pond = pond;
    }

    /** Every problem found; empty for a healthy pond. Reads only. */
    public static List<Finding> check(Pond pond) {
        Fsck fsck = new Fsck(pond);
        fsck.run();
        return List.copyOf(fsck.findings);
    }

    /** What {@link #repair} did, and what is left. */
    public record Repaired(RecoveryReport recovered, int checkpointsRebuilt, List<Finding> remaining) {}

    /**
     * Repairs what is safe (leftovers and control records as {@code recover} does; checkpoints rebuilt from the
     * commits), under the writer lock, then checks again.
     */
    public static Repaired repair(Pond pond, Invocation invocation, Duration lockWait) {
        int rebuilt = 0;
        for (Finding f : check(pond)) {
            if (f.repair() == Finding.Repair.REBUILD_CHECKPOINT) {
                rebuilt++;
            }
        }
        if (rebuilt > 0) {
            try (WriterLock lock = WriterLock.acquire(pond.layout().lock(), invocation, lockWait)) {
                rebuildCheckpoints(pond.data().log());
                rebuildCheckpoints(pond.control().log());
            } catch (IOException | SQLException e) {
                throw Errors.io("rebuild checkpoints", pond.layout().root(), e);
            }
        }
        RecoveryReport recovered = pond.recover(invocation, lockWait);
        return new Repaired(recovered, rebuilt, check(pond));
    }

    private void add(Path path, String problem, Finding.Repair repair) {
        Path root = pond.layout().root();
        findings.add(new Finding(path.startsWith(root) ? root.relativize(path).toString() : path.toString(), problem,
                repair));
    }

    private void run() {
        long latest = checkLog(pond.data().log(), "data");
        checkLog(pond.control().log(), "control");
        checkDataFiles();
        checkContents();
        checkTree();
        checkControlRecords(latest);
        Recovery.Leftovers leftovers;
        try {
            leftovers = new Recovery(pond).find();
        } catch (PondException e) {
            // Deciding what is unreferenced needs every data file; with one missing, nothing is called a leftover.
            add(pond.layout().data(), "leftovers not checked: " + e.getMessage(), Finding.Repair.NONE);
            return;
        }
        leftovers.temporary().forEach(p -> add(p, "temp file of an interrupted write", Finding.Repair.RECOVER));
        leftovers.dataFiles().forEach(p -> add(p, "data file no commit references", Finding.Repair.RECOVER));
        leftovers.controlFiles().forEach(p -> add(p, "control file no commit references", Finding.Repair.RECOVER));
        leftovers.largeFiles().forEach(p -> add(p, "large file no row references", Finding.Repair.RECOVER));
        leftovers.damagedCache().forEach(p -> add(p, "cache copy does not match its hash", Finding.Repair.RECOVER));
    }

    /** Every commit parses, none is missing, and every checkpoint holds what its commits say. */
    private long checkLog(DeltaLog log, String table) {
        if (!log.exists()) {
            add(log.logDirectory(), "the " + table + " table has no commit 0", Finding.Repair.NONE);
            return -1;
        }
        long latest = log.latestVersion();
        try {
            List<Long> present = log.commitVersions();
            Set<Long> seen = new TreeSet<>(present);
            long newest = present.isEmpty() ? -1 : present.get(present.size() - 1);
            for (long v = 0; v <= newest; v++) {
                if (!seen.contains(v)) {
                    add(log.commitFile(v), "commit " + v + " of the " + table + " table is missing (later ones exist)",
                            Finding.Repair.NONE);
                }
            }
            for (long v = 0; v <= latest; v++) {
                try {
                    log.readCommit(v);
                } catch (PondException | IOException e) {
                    add(log.commitFile(v), "commit cannot be read: " + e.getMessage(), Finding.Repair.NONE);
                }
            }
            for (long c : log.checkpointVersions()) {
                Path file = log.logDirectory().resolve(DeltaLog.checkpointFileName(c));
                try {
                    if (!sameFiles(log.readCheckpoint(c), log.replayCommits(c))) {
                        add(file, "checkpoint disagrees with the commits up to " + c, Finding.Repair.REBUILD_CHECKPOINT);
                    }
                } catch (SQLException | RuntimeException e) {
                    add(file, "checkpoint cannot be read: " + firstLine(e), Finding.Repair.REBUILD_CHECKPOINT);
                }
            }
            Path last = log.logDirectory().resolve("_last_checkpoint");
            if (Files.exists(last)) {
                var named = log.lastCheckpoint();
                if (named.isEmpty() || !Files.exists(log.logDirectory().resolve(DeltaLog.checkpointFileName(named.get())))) {
                    add(last, "does not name a checkpoint that exists", Finding.Repair.REBUILD_CHECKPOINT);
                }
            }
        } catch (IOException e) {
            add(log.logDirectory(), "cannot be listed: " + e.getMessage(), Finding.Repair.NONE);
        }
        return latest;
    }

    private static boolean sameFiles(DeltaSnapshot a, DeltaSnapshot b) {
        Set<String> left = new TreeSet<>();
        a.files().forEach(f -> left.add(f.path() + " " + f.size()));
        Set<String> right = new TreeSet<>();
        b.files().forEach(f -> right.add(f.path() + " " + f.size()));
        return left.equals(right) && a.metadata().id().equals(b.metadata().id());
    }

    /** Every live data file of both tables exists, has its recorded size and a readable footer. */
    private void checkDataFiles() {
        for (DeltaLog log : List.of(pond.data().log(), pond.control().log())) {
            DeltaSnapshot snapshot;
            try {
                snapshot = log.snapshot();
            } catch (IOException | RuntimeException e) {
                add(log.logDirectory(), "cannot be replayed: " + firstLine(e), Finding.Repair.NONE);
                continue;
            }
            for (Action.AddFile add : snapshot.files()) {
                Path file = log.tableRoot().resolve(add.relativePath());
                try {
                    if (!Files.exists(file)) {
                        add(file, "data file is missing", Finding.Repair.NONE);
                    } else if (Files.size(file) != add.size()) {
                        add(file, "data file is " + Files.size(file) + " bytes, the log says " + add.size(),
                                Finding.Repair.NONE);
                    } else {
                        pond.duck().query("SELECT num_rows FROM parquet_file_metadata("
                                + DuckSession.literal(file.toString()) + ")", r -> r.getLong(1));
                    }
                } catch (IOException | SQLException e) {
                    add(file, "data file cannot be read: " + firstLine(e), Finding.Repair.NONE);
                }
            }
        }
    }

    /** Inline contents match their hashes; large files are there and re-hash to their names. */
    private void checkContents() {
        LargeFileStore store = pond.data().store();
        for (Action.AddFile add : pond.data().delta().files()) {
            Path file = pond.data().log().tableRoot().resolve(add.relativePath());
            if (!Files.exists(file)) {
                continue;
            }
            try {
                pond.duck().query("SELECT node_id, version FROM read_parquet(" + DuckSession.literal(file.toString())
                        + ") WHERE content IS NOT NULL AND sha256 IS DISTINCT FROM sha256(content)", r -> {
                            add(file, "content of node " + r.getString(1) + " version " + r.getLong(2)
                                    + " does not match its hash", Finding.Repair.NONE);
                            return null;
                        });
                for (Map.Entry<String, Long> ref : externalReferences(file).entrySet()) {
                    Path stored = store.pathOf(ref.getKey());
                    if (!Files.exists(stored)) {
                        add(stored, "large file is missing", Finding.Repair.NONE);
                    } else if (Files.size(stored) != ref.getValue()) {
                        add(stored, "large file is " + Files.size(stored) + " bytes, its row says " + ref.getValue(),
                                Finding.Repair.NONE);
                    } else if (!sha256(stored).equals(ref.getKey())) {
                        add(stored, "large file does not hash to its name", Finding.Repair.NONE);
                    }
                }
            } catch (IOException | SQLException e) {
                add(file, "data file cannot be read: " + firstLine(e), Finding.Repair.NONE);
            }
        }
    }

    private Map<String, Long> externalReferences(Path file) throws SQLException {
        Map<String, Long> out = new java.util.HashMap<>();
        pond.duck().query("SELECT DISTINCT sha256, size FROM read_parquet(" + DuckSession.literal(file.toString())
                + ") WHERE content IS NULL AND sha256 IS NOT NULL", r -> out.put(r.getString(1), r.getLong(2)));
        return out;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = LargeFileStore.sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Every directory reachable from the root reads, and every entry's latest version is there. */
    private void checkTree() {
        FileSystemView view;
        try {
            view = pond.read();
        } catch (PondException e) {
            add(pond.layout().data(), "cannot be read: " + e.getMessage(), Finding.Repair.NONE);
            return;
        }
        Deque<Node> directories = new ArrayDeque<>();
        directories.add(view.root());
        while (!directories.isEmpty()) {
            Node directory = directories.poll();
            List<Node> entries;
            try {
                entries = view.entries(directory);
            } catch (PondException e) {
                add(pond.layout().data(), "directory " + directory.path() + " cannot be read: " + e.getMessage(),
                        Finding.Repair.NONE);
                continue;
            }
            for (Node child : entries) {
                if (child.isDirectory()) {
                    directories.add(child);
                    continue;
                }
                try {
                    view.latest(child);
                } catch (PondException e) {
                    add(pond.layout().data(), child.path() + ": " + e.getMessage(), Finding.Repair.NONE);
                }
            }
        }
    }

    private void checkControlRecords(long latest) {
        try {
            long recorded = pond.control().recordedThrough();
            if (recorded < latest) {
                add(pond.layout().control(), "no control record for transaction(s) " + (recorded + 1) + ".." + latest,
                        Finding.Repair.RECOVER);
            }
        } catch (IOException | RuntimeException e) {
            add(pond.layout().control(), "cannot be read: " + firstLine(e), Finding.Repair.NONE);
        }
    }

    /** Writes every bad checkpoint again from the commits, and {@code _last_checkpoint} after the newest good one. */
    private static void rebuildCheckpoints(DeltaLog log) throws IOException, SQLException {
        if (!log.exists()) {
            return;
        }
        long newest = -1;
        for (long c : log.checkpointVersions()) {
            DeltaSnapshot truth = log.replayCommits(c);
            boolean good;
            try {
                good = sameFiles(log.readCheckpoint(c), truth);
            } catch (SQLException | RuntimeException unreadable) {
                good = false;
            }
            if (!good) {
                Files.deleteIfExists(log.logDirectory().resolve(DeltaLog.checkpointFileName(c)));
                log.checkpoint(truth);
            }
            newest = c;
        }
        Path last = log.logDirectory().resolve("_last_checkpoint");
        if (newest >= 0 && !log.lastCheckpoint().equals(java.util.Optional.of(newest))) {
            Durable.replace(last, Json.writeBytes(Map.of("version", newest)));
        } else if (newest < 0) {
            Files.deleteIfExists(last);
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
