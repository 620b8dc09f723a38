package io.duckpond.tlogfs.delta;

import io.duckpond.tlogfs.delta.Action.AddFile;
import io.duckpond.tlogfs.delta.Action.Metadata;
import io.duckpond.tlogfs.delta.Action.Protocol;
import io.duckpond.tlogfs.delta.Action.RemoveFile;
import io.duckpond.tlogfs.delta.Action.TransactionId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of a Delta table at one version: protocol, metadata, live data files, tombstones and application
 * transaction markers, replayed from a checkpoint and the commits after it.
 */
public final class DeltaSnapshot {
    private final long version;
    private final Protocol protocol;
    private final Metadata metadata;
    private final Map<String, AddFile> live;
    private final Map<String, RemoveFile> tombstones;
    private final Map<String, TransactionId> transactions;
    private final int logFilesRead;
    private final Tombstones tombstonesRead;

    DeltaSnapshot(long version, Protocol protocol, Metadata metadata, Map<String, AddFile> live,
            Map<String, RemoveFile> tombstones, Map<String, TransactionId> transactions, int logFilesRead,
            Tombstones tombstonesRead) {
        this.version = version;
        this.protocol = protocol;
        this.metadata = metadata;
        this.live = live;
        this.tombstones = tombstones;
        this.transactions = transactions;
        this.logFilesRead = logFilesRead;
        this.tombstonesRead = tombstonesRead;
    }

    /**
     * Whether a checkpoint's tombstones were read. Only writing the next checkpoint needs them, and a long-lived pond's
     * checkpoint holds one for every file compaction ever replaced (kept for Delta's retention period), so reads skip
     * them.
     */
    enum Tombstones {
        READ, SKIPPED_IN_CHECKPOINT
    }

    /** Replays commits on top of a starting state; {@code commits} are in version order. */
    static final class Builder {
        long version = -1;
        Protocol protocol;
        Metadata metadata;
        final Map<String, AddFile> live = new LinkedHashMap<>();
        final Map<String, RemoveFile> tombstones = new LinkedHashMap<>();
        final Map<String, TransactionId> transactions = new LinkedHashMap<>();
        int logFilesRead;
        Tombstones tombstonesRead = Tombstones.READ;

        Builder() {}

        Builder(DeltaSnapshot from) {
            version = from.version;
            protocol = from.protocol;
            metadata = from.metadata;
            live.putAll(from.live);
            tombstones.putAll(from.tombstones);
            transactions.putAll(from.transactions);
            tombstonesRead = from.tombstonesRead;
        }

        void apply(long commitVersion, List<Action> actions) {
            for (Action action : actions) {
                if (action instanceof AddFile add) {
                    live.put(add.path(), add);
                    tombstones.remove(add.path());
                } else if (action instanceof RemoveFile remove) {
                    live.remove(remove.path());
                    tombstones.put(remove.path(), remove);
                } else if (action instanceof Metadata m) {
                    metadata = m;
                } else if (action instanceof Protocol p) {
                    protocol = p;
                } else if (action instanceof TransactionId t) {
                    transactions.put(t.appId(), t);
                }
            }
            version = commitVersion;
        }

        DeltaSnapshot build() {
            if (protocol == null || metadata == null) {
                throw new IllegalStateException("no " + (protocol == null ? "protocol" : "metadata")
                        + " found at version " + version);
            }
            return new DeltaSnapshot(version, protocol, metadata, new LinkedHashMap<>(live),
                    new LinkedHashMap<>(tombstones), new LinkedHashMap<>(transactions), logFilesRead, tombstonesRead);
        }
    }

    public long version() {
        return version;
    }

    public Protocol protocol() {
        return protocol;
    }

    public Metadata metadata() {
        return metadata;
    }

    /** The data files of the table at this version, in the order they were added. */
    public Collection<AddFile> files() {
        return live.values();
    }

    /** The files removed and not yet expired: for writing a checkpoint, from a snapshot that read them all. */
    Collection<RemoveFile> tombstones() {
        if (tombstonesRead != Tombstones.READ) {
            throw new IllegalStateException("this snapshot skipped the tombstones of its checkpoint");
        }
        return tombstones.values();
    }

    Tombstones tombstonesRead() {
        return tombstonesRead;
    }

    public Collection<TransactionId> transactions() {
        return transactions.values();
    }

    /** How many log files (checkpoint, commits, {@code _last_checkpoint}) were read to build this state. */
    public int logFilesRead() {
        return logFilesRead;
    }
}
