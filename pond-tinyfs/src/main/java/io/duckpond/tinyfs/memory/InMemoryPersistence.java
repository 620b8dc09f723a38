package io.duckpond.tinyfs.memory;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.node.ContentRef;
import io.duckpond.tinyfs.node.DirectoryEntry;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tinyfs.node.NodeId;
import io.duckpond.tinyfs.spi.ChangeSet;
import io.duckpond.tinyfs.spi.DirectoryChange;
import io.duckpond.tinyfs.spi.DirectoryListing;
import io.duckpond.tinyfs.spi.NewVersion;
import io.duckpond.tinyfs.spi.PendingCommit;
import io.duckpond.tinyfs.spi.Persistence;
import io.duckpond.tinyfs.spi.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything in memory: for fast tests of the filesystem logic. Transaction 0 holds the empty root directory. */
public final class InMemoryPersistence implements Persistence {

    private record StoredListing(long txnSeq, DirectoryListing listing) {}

    private final Map<String, byte[]> contents = new HashMap<>();
    private final Map<NodeId, List<StoredListing>> listings = new HashMap<>();
    private final Map<NodeId, List<FileVersion>> versions = new HashMap<>();
    private long latestTxn;

    public InMemoryPersistence() {
        listings.put(NodeId.ROOT, new ArrayList<>(List.of(
                new StoredListing(0, new DirectoryListing(NodeId.ROOT, 1, new TreeMap<>())))));
    }

    @Override
    public synchronized Snapshot latest() {
        return new View(latestTxn);
    }

    @Override
    public synchronized Snapshot asOf(long txnSeq) {
        if (txnSeq < 0 || txnSeq > latestTxn) {
            throw Errors.notFoundAt("the pond", txnSeq);
        }
        return new View(txnSeq);
    }

    @Override
    public synchronized PendingCommit begin() {
        return new Pending(new View(latestTxn));
    }

    private final class View implements Snapshot {
        private final long txnSeq;

        View(long txnSeq) {
            this.txnSeq = txnSeq;
        }

        @Override
        public long txnSeq() {
            return txnSeq;
        }

        @Override
        public DirectoryListing listing(NodeId directory) {
            synchronized (InMemoryPersistence.this) {
                StoredListing found = null;
                for (StoredListing s : listings.getOrDefault(directory, List.of())) {
                    if (s.txnSeq <= txnSeq) {
                        found = s;
                    }
                }
                if (found == null) {
                    throw Errors.corrupt("directory " + directory, "no version as of transaction " + txnSeq);
                }
                return found.listing;
            }
        }

        @Override
        public FileVersion latest(NodeId parent, DirectoryEntry entry) {
            long wanted = entry.summary().version();
            return versions(parent, entry.node()).stream()
                    .filter(v -> v.version() == wanted)
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> Errors.corrupt("node " + entry.node(), "version " + wanted + " is missing"));
        }

        @Override
        public List<FileVersion> versions(NodeId parent, NodeId node) {
            synchronized (InMemoryPersistence.this) {
                return versions.getOrDefault(node, List.of()).stream()
                        .filter(v -> v.txnSeq() <= txnSeq && v.parent().equals(parent))
                        .toList();
            }
        }

        @Override
        public InputStream open(FileVersion version) {
            synchronized (InMemoryPersistence.this) {
                return new ByteArrayInputStream(contents.get(version.sha256()));
            }
        }
    }

    private final class Pending implements PendingCommit {
        private final View base;
        private final Map<String, byte[]> staged = new HashMap<>();

        Pending(View base) {
            this.base = base;
        }

        @Override
        public Snapshot base() {
            return base;
        }

        @Override
        public ContentRef stage(InputStream content) throws IOException {
            byte[] bytes = content.readAllBytes();
            String sha = sha256(bytes);
            staged.put(sha, bytes);
            return new ContentRef(sha, bytes.length);
        }

        @Override
        public ContentRef restage(FileVersion existing) {
            return existing.content();
        }

        @Override
        public InputStream openStaged(ContentRef content) {
            byte[] bytes = staged.get(content.sha256());
            if (bytes == null) {
                synchronized (InMemoryPersistence.this) {
                    bytes = contents.get(content.sha256());
                }
            }
            if (bytes == null) {
                throw new IllegalArgumentException("content " + content.sha256() + " was never staged");
            }
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public void commit(ChangeSet changes, Map<String, Object> commitInfo) {
            synchronized (InMemoryPersistence.this) {
                if (base.txnSeq != latestTxn) {
                    throw new IllegalStateException("transaction " + changes.txnSeq() + " was built on "
                            + base.txnSeq + " but the latest is " + latestTxn);
                }
                contents.putAll(staged);
                for (DirectoryChange d : changes.directories()) {
                    listings.computeIfAbsent(d.directory(), id -> new ArrayList<>()).add(new StoredListing(
                            changes.txnSeq(), new DirectoryListing(d.directory(), d.version(), d.entries())));
                }
                for (NewVersion v : changes.versions()) {
                    versions.computeIfAbsent(v.node(), id -> new ArrayList<>()).add(new FileVersion(v.parent(), v.node(),
                            v.type(), v.version(), changes.txnSeq(), v.timestampMicros(), v.content(), v.eventTime(),
                            v.attributes()));
                }
                latestTxn = changes.txnSeq();
            }
        }

        @Override
        public void close() {
            staged.clear();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
