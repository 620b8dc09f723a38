package io.duckpond.tinyfs.fs;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.node.ContentRef;
import io.duckpond.tinyfs.node.DirectoryEntry;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.EventTimeRange;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tinyfs.node.NodeId;
import io.duckpond.tinyfs.node.VersionSummary;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tinyfs.spi.ChangeSet;
import io.duckpond.tinyfs.spi.DirectoryChange;
import io.duckpond.tinyfs.spi.DirectoryListing;
import io.duckpond.tinyfs.spi.EntryChange;
import io.duckpond.tinyfs.spi.NewVersion;
import io.duckpond.tinyfs.spi.PendingCommit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Changes to the filesystem, seen by its own reads before they commit. Collects them into one {@link ChangeSet}:
 * each touched directory gets one new version, each written file one new version per write.
 */
public final class Transaction extends FileSystemView {

    private final PendingCommit pending;
    private final long txnSeq;
    private final long timestampMicros;
    private final Map<NodeId, PendingDirectory> directories = new LinkedHashMap<>();
    private final List<NewVersion> versions = new ArrayList<>();

    /** A directory as this transaction changes it. */
    private static final class PendingDirectory {
        final long baseVersion;
        final SortedMap<String, DirectoryEntry> original;
        final SortedMap<String, DirectoryEntry> current;
        final Set<String> touched = new HashSet<>();

        PendingDirectory(long baseVersion, SortedMap<String, DirectoryEntry> original) {
            this.baseVersion = baseVersion;
            this.original = original;
            this.current = new TreeMap<>(original);
        }
    }

    /**
     * @param timestampMicros the time recorded on every row this transaction writes
     */
    public Transaction(PendingCommit pending, long timestampMicros) {
        super(pending.base());
        this.pending = pending;
        this.txnSeq = pending.base().txnSeq() + 1;
        this.timestampMicros = timestampMicros;
    }

    /** The number this transaction will have once committed. */
    @Override
    public long txnSeq() {
        return txnSeq;
    }

    @Override
    protected DirectoryListing listing(NodeId directory) {
        PendingDirectory d = directories.get(directory);
        if (d == null) {
            return super.listing(directory);
        }
        return new DirectoryListing(directory, d.baseVersion + 1, d.current);
    }

    @Override
    public FileVersion latest(Node node) {
        if (node.isDirectory()) {
            throw Errors.isADirectory(node.path());
        }
        VersionSummary summary = node.entry().summary();
        if (summary.txnSeq() == txnSeq) {
            return pendingVersions(node.id()).stream()
                    .filter(v -> v.version() == summary.version())
                    .findFirst()
                    .orElseThrow();
        }
        return super.latest(node);
    }

    @Override
    public List<FileVersion> versions(Node node) {
        List<FileVersion> all = new ArrayList<>(super.versions(node));
        all.addAll(pendingVersions(node.id()));
        return all;
    }

    @Override
    public InputStream open(FileVersion version) {
        return version.txnSeq() == txnSeq ? pending.openStaged(version.content()) : super.open(version);
    }

    private List<FileVersion> pendingVersions(NodeId node) {
        List<FileVersion> out = new ArrayList<>();
        for (NewVersion v : versions) {
            if (v.node().equals(node)) {
                out.add(new FileVersion(v.parent(), v.node(), v.type(), v.version(), txnSeq, v.timestampMicros(),
                        v.content(), v.eventTime(), v.attributes()));
            }
        }
        return out;
    }

    // --- writing --------------------------------------------------------------------------------------------

    /** Reads {@code content} to its end and stages it for this transaction. */
    public ContentRef stage(InputStream content) throws IOException {
        return pending.stage(content);
    }

    /** Creates one directory; its parent must exist. */
    public Node mkdir(PondPath path) {
        if (path.isRoot()) {
            throw Errors.alreadyExists(path);
        }
        Node parent = directory(path.parent());
        if (listing(parent.id()).entry(path.name()).isPresent()) {
            throw Errors.alreadyExists(path);
        }
        return createDirectory(parent, path.name());
    }

    /** Creates a directory and any missing parents; existing directories are fine. */
    public Node mkdirs(PondPath path) {
        Node current = root();
        for (String name : path.segments()) {
            PondPath next = current.path().child(name);
            Optional<DirectoryEntry> existing = listing(current.id()).entry(name);
            if (existing.isEmpty()) {
                current = createDirectory(current, name);
                continue;
            }
            Node found = find(next, Links.FOLLOW).orElseThrow(() -> Errors.notFound(next));
            if (!found.isDirectory()) {
                throw Errors.notADirectory(next);
            }
            current = found;
        }
        return current;
    }

    private Node createDirectory(Node parent, String name) {
        PondPath.checkName(name);
        NodeId id = NodeId.generate();
        directories.put(id, new PendingDirectory(0, new TreeMap<>()));
        DirectoryEntry entry = DirectoryEntry.directory(name, id);
        put(parent.id(), entry);
        return new Node(parent.path().child(name), parent.id(), entry);
    }

    /**
     * Writes a new version of the file at {@code path}, creating it if needed. A symlink at {@code path} is followed;
     * an existing file keeps its entry type, so {@code type} must match it.
     */
    public Node write(PondPath path, EntryType type, ContentRef content, Optional<EventTimeRange> eventTime,
            Map<String, String> attributes) {
        if (!type.isFile()) {
            throw new IllegalArgumentException("not a file type: " + type);
        }
        Slot target = writeTarget(path);
        Optional<DirectoryEntry> existing = listing(target.parent()).entry(target.path().name());
        NodeId node;
        long version;
        if (existing.isPresent()) {
            DirectoryEntry e = existing.get();
            if (e.type().isDirectory()) {
                throw Errors.isADirectory(target.path());
            }
            if (e.type() != type) {
                throw Errors.entryTypeChange(target.path(), e.type(), type);
            }
            node = e.node();
            version = e.summary().version() + 1;
        } else {
            node = NodeId.generate();
            version = 1;
        }
        return addVersion(target, node, type, version, content, eventTime, attributes);
    }

    /** Creates a symlink at {@code path} pointing at {@code target} (resolved from the link's directory if relative). */
    public Node symlink(PondPath path, String target) {
        if (target.isEmpty() || target.indexOf('\0') >= 0) {
            throw Errors.invalidPath(target, "a link target must be a non-empty path without NUL");
        }
        Node parent = directory(path.parent());
        if (path.isRoot() || listing(parent.id()).entry(path.name()).isPresent()) {
            throw Errors.alreadyExists(path);
        }
        ContentRef content;
        try {
            content = pending.stage(new ByteArrayInputStream(target.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Slot at = new Slot(parent.id(), parent.path().child(path.name()));
        return addVersion(at, NodeId.generate(), EntryType.SYMLINK, 1, content, Optional.empty(), Map.of());
    }

    private Node addVersion(Slot at, NodeId node, EntryType type, long version, ContentRef content,
            Optional<EventTimeRange> eventTime, Map<String, String> attributes) {
        PondPath.checkName(at.path().name());
        versions.add(new NewVersion(at.parent(), node, type, version, content, eventTime, attributes, timestampMicros));
        DirectoryEntry entry = DirectoryEntry.leaf(at.path().name(), node, type,
                new VersionSummary(version, txnSeq, content.size(), content.sha256(), timestampMicros));
        put(at.parent(), entry);
        return new Node(at.path(), at.parent(), entry);
    }

    /** Where a new version goes: a directory and a name in it. */
    private record Slot(NodeId parent, PondPath path) {}

    /** Where a write to {@code path} lands: the path itself, or what a symlink there points to. */
    private Slot writeTarget(PondPath path) {
        if (path.isRoot()) {
            throw Errors.isADirectory(path);
        }
        Node parent = directory(path.parent());
        PondPath at = parent.path().child(path.name());
        Optional<DirectoryEntry> existing = listing(parent.id()).entry(path.name());
        if (existing.isPresent() && existing.get().type().isSymlink()) {
            Node resolved = find(at, Links.FOLLOW).orElseThrow(() -> Errors.notFound(path + " (a symlink to a missing target)"));
            return new Slot(resolved.parent(), resolved.path());
        }
        return new Slot(parent.id(), at);
    }

    /** Removes one entry; a directory must be empty. Symlinks themselves are removed, not their targets. */
    public void remove(PondPath path) {
        Node node = removable(path);
        if (node.isDirectory() && !listing(node.id()).entries().isEmpty()) {
            throw Errors.directoryNotEmpty(path);
        }
        delete(node);
    }

    /** Removes an entry and, for a directory, everything below it. History stays readable with {@code --at-txn}. */
    public void removeRecursively(PondPath path) {
        delete(removable(path));
    }

    private Node removable(PondPath path) {
        Node node = resolve(path, Links.NO_FOLLOW);
        if (node.isRoot()) {
            throw Errors.cannotRemoveRoot();
        }
        return node;
    }

    private void delete(Node node) {
        PendingDirectory parent = pendingDirectory(node.parent());
        parent.current.remove(node.path().name());
        parent.touched.add(node.path().name());
    }

    /**
     * Moves or renames an entry. If {@code destination} is an existing directory the entry moves into it under its own
     * name; otherwise {@code destination} is the new path, which must not exist yet.
     */
    public Node rename(PondPath source, PondPath destination) {
        Node moving = removable(source);
        Optional<Node> existing = find(destination, Links.FOLLOW);
        Node targetParent;
        String name;
        if (existing.isPresent() && existing.get().isDirectory()) {
            targetParent = existing.get();
            name = moving.path().name();
        } else if (existing.isPresent() || destination.isRoot()) {
            throw Errors.alreadyExists(destination);
        } else {
            targetParent = directory(destination.parent());
            name = destination.name();
        }
        PondPath.checkName(name);
        if (listing(targetParent.id()).entry(name).isPresent()) {
            throw Errors.alreadyExists(targetParent.path().child(name));
        }
        if (moving.isDirectory() && moving.path().contains(targetParent.path())) {
            throw Errors.moveIntoItself(source, destination);
        }
        DirectoryEntry entry = moving.entry().renamed(name);
        if (!moving.isDirectory() && !targetParent.id().equals(moving.parent())) {
            entry = rehome(moving, targetParent.id(), name);
        }
        delete(moving);
        put(targetParent.id(), entry);
        return new Node(targetParent.path().child(name), targetParent.id(), entry);
    }

    /**
     * A file's versions live in its directory's partition, so a move to another directory writes them again there,
     * with their version numbers, content and original times, in this transaction.
     */
    private DirectoryEntry rehome(Node moving, NodeId newParent, String name) {
        List<FileVersion> history = versions(moving);
        versions.removeIf(v -> v.node().equals(moving.id()));
        for (FileVersion v : history) {
            ContentRef content = v.txnSeq() == txnSeq ? v.content() : pending.restage(v);
            versions.add(new NewVersion(newParent, v.node(), v.type(), v.version(), content, v.eventTime(),
                    v.attributes(), v.timestampMicros()));
        }
        VersionSummary latest = moving.entry().summary();
        return DirectoryEntry.leaf(name, moving.id(), moving.type(), new VersionSummary(
                latest.version(), txnSeq, latest.size(), latest.sha256(), latest.modifiedMicros()));
    }

    private void put(NodeId directory, DirectoryEntry entry) {
        PendingDirectory d = pendingDirectory(directory);
        d.current.put(entry.name(), entry);
        d.touched.add(entry.name());
    }

    private PendingDirectory pendingDirectory(NodeId directory) {
        return directories.computeIfAbsent(directory, id -> {
            DirectoryListing base = super.listing(id);
            return new PendingDirectory(base.version(), new TreeMap<>(base.entries()));
        });
    }

    /** Everything this transaction changed; a directory whose net changes cancel out gets no new version. */
    public ChangeSet changes() {
        List<DirectoryChange> changed = new ArrayList<>();
        for (Map.Entry<NodeId, PendingDirectory> e : directories.entrySet()) {
            PendingDirectory d = e.getValue();
            List<EntryChange> net = new ArrayList<>();
            for (String name : new TreeMap<>(d.current).keySet()) {
                if (d.touched.contains(name) && !Objects.equals(d.original.get(name), d.current.get(name))) {
                    net.add(new EntryChange.Put(d.current.get(name)));
                }
            }
            for (String name : d.touched) {
                if (d.original.containsKey(name) && !d.current.containsKey(name)) {
                    net.add(new EntryChange.Remove(name));
                }
            }
            if (d.baseVersion == 0 || !net.isEmpty()) {
                changed.add(new DirectoryChange(e.getKey(), d.baseVersion + 1, d.current, net));
            }
        }
        return new ChangeSet(txnSeq, timestampMicros, changed, versions);
    }
}
