package io.duckpond.tlogfs.delta;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Disk;
import io.duckpond.tlogfs.io.Durable;
import io.duckpond.tlogfs.io.Json;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Delta table's {@code _delta_log}: commits published atomically with create-if-absent, the newest version found by
 * probing {@code v+1.json} from the last checkpoint, state replayed from a checkpoint plus the commits after it, and
 * checkpoints written every {@link #CHECKPOINT_INTERVAL} versions.
 */
public final class DeltaLog {

    public static final int CHECKPOINT_INTERVAL = 100;

    private final Path tableRoot;
    private final Path logDirectory;
    private final DuckSession duck;

    public DeltaLog(Path tableRoot, DuckSession duck) {
        this.tableRoot = tableRoot;
        this.logDirectory = tableRoot.resolve("_delta_log");
        this.duck = duck;
    }

    public Path tableRoot() {
        return tableRoot;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    public static String commitFileName(long version) {
        return String.format("%020d.json", version);
    }

    public static String checkpointFileName(long version) {
        return String.format("%020d.checkpoint.parquet", version);
    }

    public Path commitFile(long version) {
        return logDirectory.resolve(commitFileName(version));
    }

    public boolean exists() {
        return Files.exists(commitFile(0));
    }

    /** Creates the table: version 0 holds the protocol, the metadata and whatever else is given. */
    public void create(List<Action> actions) throws IOException {
        Durable.createDirectories(logDirectory);
        commit(0, actions);
    }

    /**
     * Publishes {@code actions} as {@code version}. The commit point: once this returns, the version is durable.
     *
     * @throws FileAlreadyExistsException if another writer published that version first
     */
    public void commit(long version, List<Action> actions) throws IOException {
        Durable.publishNew(commitFile(version), ActionCodec.commitFile(actions));
    }

    /** The actions of one committed version. */
    public List<Action> readCommit(long version) throws IOException {
        Path file = commitFile(version);
        try {
            return ActionCodec.parseCommitFile(Files.readAllBytes(file), file.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw Errors.corrupt("Delta log " + file, e.getMessage(), e);
        }
    }

    /** The newest checkpoint version named by {@code _last_checkpoint}, if that file is readable. */
    public Optional<Long> lastCheckpoint() {
        try {
            Object version = Json.parseObject(Files.readString(logDirectory.resolve("_last_checkpoint"))).get("version");
            return version instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
        } catch (IOException | IllegalArgumentException missingOrGarbage) {
            // Readers fall back to an older starting point, as Delta readers do.
            return Optional.empty();
        }
    }

    /** The newest committed version, or -1 if the table has none; found by probing, never by listing. */
    public long latestVersion() {
        long from = lastCheckpoint().filter(v -> Files.exists(commitFile(v))).orElse(-1L);
        return probeFrom(from);
    }

    private long probeFrom(long known) {
        long version = known;
        while (Files.exists(commitFile(version + 1))) {
            version++;
        }
        return version;
    }

    /** The state at the newest version. */
    public DeltaSnapshot snapshot() throws IOException {
        Optional<Long> checkpoint = lastCheckpoint();
        long latest = probeFrom(checkpoint.filter(v -> Files.exists(commitFile(v))).orElse(-1L));
        if (latest < 0) {
            throw Errors.of(Problem.Kind.NOT_FOUND, "No Delta table", tableRoot.toString(), null);
        }
        return replay(checkpoint.filter(v -> v <= latest), latest, 1, DeltaSnapshot.Tombstones.SKIPPED_IN_CHECKPOINT);
    }

    /** The state at {@code version}, from the newest checkpoint at or before it. */
    public DeltaSnapshot snapshotAt(long version) throws IOException {
        return replay(checkpointAtOrBefore(version), version, 0, DeltaSnapshot.Tombstones.SKIPPED_IN_CHECKPOINT);
    }

    /** The newest checkpoint at or before {@code version}: the last one, else the newest older one on disk. */
    private Optional<Long> checkpointAtOrBefore(long version) {
        Optional<Long> checkpoint = lastCheckpoint().filter(v -> v <= version);
        if (checkpoint.isEmpty()) {
            for (long c = version / CHECKPOINT_INTERVAL * CHECKPOINT_INTERVAL; c > 0; c -= CHECKPOINT_INTERVAL) {
                if (Files.exists(logDirectory.resolve(checkpointFileName(c)))) {
                    return Optional.of(c);
                }
            }
        }
        return checkpoint;
    }

    /** The state at {@code version} replayed from the commit files alone, ignoring every checkpoint. */
    public DeltaSnapshot replayCommits(long version) throws IOException {
        return replay(Optional.empty(), version, 0, DeltaSnapshot.Tombstones.READ);
    }

    /** The state a checkpoint file holds; throws if it cannot be read. */
    public DeltaSnapshot readCheckpoint(long version) throws SQLException {
        DeltaSnapshot.Builder builder = new DeltaSnapshot.Builder();
        Checkpoints.read(duck, logDirectory.resolve(checkpointFileName(version)), builder, DeltaSnapshot.Tombstones.READ);
        builder.version = version;
        return builder.build();
    }

    /** The versions of the checkpoint files present, oldest first. */
    public List<Long> checkpointVersions() throws IOException {
        try (var files = Files.list(logDirectory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{20}\\.checkpoint\\.parquet"))
                    .map(n -> Long.parseLong(n.substring(0, 20))).sorted().toList();
        }
    }

    /** The versions of the commit files present, oldest first (a gap means a commit file went missing). */
    public List<Long> commitVersions() throws IOException {
        try (var files = Files.list(logDirectory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.json"))
                    .map(n -> Long.parseLong(n.substring(0, 20))).sorted().toList();
        }
    }

    /** The state after the commits that followed {@code older}, read incrementally; each new action goes to {@code seen}. */
    public DeltaSnapshot update(DeltaSnapshot older, Consumer<Action> seen) throws IOException {
        long latest = probeFrom(older.version());
        if (latest == older.version()) {
            return older;
        }
        DeltaSnapshot.Builder builder = new DeltaSnapshot.Builder(older);
        for (long v = older.version() + 1; v <= latest; v++) {
            List<Action> actions = readCommit(v);
            actions.forEach(seen);
            builder.apply(v, actions);
            builder.logFilesRead++;
        }
        return builder.build();
    }

    private DeltaSnapshot replay(Optional<Long> checkpoint, long version, int filesAlreadyRead,
            DeltaSnapshot.Tombstones tombstones) throws IOException {
        DeltaSnapshot.Builder builder = new DeltaSnapshot.Builder();
        builder.logFilesRead = filesAlreadyRead;
        long next = 0;
        if (checkpoint.isPresent()) {
            try {
                Checkpoints.read(duck, logDirectory.resolve(checkpointFileName(checkpoint.get())), builder, tombstones);
                builder.version = checkpoint.get();
                builder.logFilesRead++;
                next = checkpoint.get() + 1;
            } catch (SQLException | RuntimeException unreadable) {
                // A damaged checkpoint is only an index: every commit file is kept, so replay them all instead.
                builder = new DeltaSnapshot.Builder();
                builder.logFilesRead = filesAlreadyRead + 1;
            }
        }
        for (long v = next; v <= version; v++) {
            try {
                builder.apply(v, readCommit(v));
            } catch (NoSuchFileException e) {
                throw Errors.corrupt("Delta log " + logDirectory, "commit " + v + " is missing", e);
            }
            builder.logFilesRead++;
        }
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw Errors.corrupt("Delta log " + logDirectory, e.getMessage(), e);
        }
    }

    /** The same version replayed again, this time with the tombstones of its checkpoint. */
    private DeltaSnapshot withTombstones(DeltaSnapshot state) throws IOException {
        return replay(checkpointAtOrBefore(state.version()), state.version(), 0, DeltaSnapshot.Tombstones.READ);
    }

    /**
     * Writes a checkpoint of {@code snapshot}: to a temp name, forced, renamed into place, then {@code _last_checkpoint}
     * moved forward the same way.
     */
    public void checkpoint(DeltaSnapshot state) throws IOException, SQLException {
        DeltaSnapshot snapshot = state.tombstonesRead() == DeltaSnapshot.Tombstones.READ ? state : withTombstones(state);
        Path temporary = Durable.temporaryName(logDirectory, ".checkpoint.tmp");
        try {
            long rows = Checkpoints.write(duck, snapshot, temporary);
            Disk.observer().created(temporary);
            Disk.reached("checkpoint:written");
            Durable.force(temporary);
            long bytes = Files.size(temporary);
            Durable.moveIntoPlace(temporary, logDirectory.resolve(checkpointFileName(snapshot.version())));
            if (lastCheckpoint().orElse(-1L) < snapshot.version()) {
                Durable.replace(logDirectory.resolve("_last_checkpoint"), Json.writeBytes(Map.of(
                        "version", snapshot.version(), "size", rows, "sizeInBytes", bytes,
                        "numOfAddFiles", snapshot.files().size())));
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
