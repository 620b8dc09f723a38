package io.duckpond.tinyfs.fs;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.glob.Glob;
import io.duckpond.tinyfs.node.DirectoryEntry;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tinyfs.node.NodeId;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tinyfs.spi.DirectoryListing;
import io.duckpond.tinyfs.spi.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read operations on the filesystem as one snapshot shows it: paths, symlinks, listings, globs and content. */
public class FileSystemView {

    /** Symlinks followed while resolving one path before it is taken for a loop. */
    public static final int MAX_LINK_HOPS = 10;
    /** Matches one glob may return before it is refused as too broad. */
    public static final int MAX_GLOB_MATCHES = 1_000_000;

    private final Snapshot snapshot;

    public FileSystemView(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** The transaction this view shows. */
    public long txnSeq() {
        return snapshot.txnSeq();
    }

    protected Snapshot snapshot() {
        return snapshot;
    }

    protected DirectoryListing listing(NodeId directory) {
        return snapshot.listing(directory);
    }

    public Node root() {
        return Node.root();
    }

    /** The node at {@code path}, with symlinks resolved (the returned path is the resolved one). */
    public Optional<Node> find(PondPath path, Links links) {
        Node current = Node.root();
        List<String> remaining = new ArrayList<>(path.segments());
        PondPath walked = PondPath.ROOT;
        int hops = 0;
        while (!remaining.isEmpty()) {
            String name = remaining.remove(0);
            if (!current.isDirectory()) {
                throw Errors.notADirectory(walked);
            }
            Optional<DirectoryEntry> entry = listing(current.id()).entry(name);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            Node next = new Node(walked.child(name), current.id(), entry.get());
            boolean last = remaining.isEmpty();
            if (next.type().isSymlink() && (!last || links == Links.FOLLOW)) {
                if (++hops > MAX_LINK_HOPS) {
                    throw Errors.tooManyLinks(path, MAX_LINK_HOPS);
                }
                PondPath target = walked.resolve(linkTarget(next));
                remaining.addAll(0, target.segments());
                current = Node.root();
                walked = PondPath.ROOT;
                continue;
            }
            current = next;
            walked = next.path();
        }
        return Optional.of(current);
    }

    /** Like {@link #find} but a missing node is an error. */
    public Node resolve(PondPath path, Links links) {
        return find(path, links).orElseThrow(() -> Errors.notFound(path));
    }

    /** The directory at {@code path} (following symlinks). */
    public Node directory(PondPath path) {
        Node node = resolve(path, Links.FOLLOW);
        if (!node.isDirectory()) {
            throw Errors.notADirectory(path);
        }
        return node;
    }

    /** The entries of a directory, sorted by name, shown at {@code directory.path()}. */
    public List<Node> entries(Node directory) {
        if (!directory.isDirectory()) {
            throw Errors.notADirectory(directory.path());
        }
        List<Node> out = new ArrayList<>();
        for (DirectoryEntry e : listing(directory.id()).entries().values()) {
            out.add(new Node(directory.path().child(e.name()), directory.id(), e));
        }
        return out;
    }

    /** Where a symlink points, as written. */
    public String linkTarget(Node symlink) {
        if (!symlink.type().isSymlink()) {
            throw new IllegalArgumentException(symlink.path() + " is not a symlink");
        }
        try (InputStream in = open(latest(symlink))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest version of a file or symlink. */
    public FileVersion latest(Node node) {
        requireLeaf(node);
        return snapshot.latest(node.parent(), node.entry());
    }

    /** Every version of a file or symlink, oldest first. */
    public List<FileVersion> versions(Node node) {
        requireLeaf(node);
        return snapshot.versions(node.parent(), node.id());
    }

    public InputStream open(FileVersion version) {
        return snapshot.open(version);
    }

    private static void requireLeaf(Node node) {
        if (node.isDirectory()) {
            throw Errors.isADirectory(node.path());
        }
    }

    /**
     * The node whose path is exactly {@code text}, taken literally even if it holds wildcard characters: a name like
     * {@code report[1].csv} is read back by its name before anyone treats it as a pattern.
     */
    public Optional<Node> exact(String text) {
        try {
            return find(PondPath.parse(text), Links.NO_FOLLOW);
        } catch (io.duckpond.tinyfs.error.PondException notAPath) {
            return Optional.empty();
        }
    }

    /** Every node the glob matches, sorted by path; wildcards skip hidden names unless told otherwise. */
    public List<GlobMatch> glob(Glob glob, Hidden hidden) {
        Map<PondPath, GlobMatch> found = new LinkedHashMap<>();
        new Walker(glob, hidden, found).walk(Node.root(), 0, List.of());
        List<GlobMatch> out = new ArrayList<>(found.values());
        out.sort(Comparator.comparing(m -> m.node().path()));
        return out;
    }

    /** Directory visits one glob may make before it is refused as too expensive. */
    public static final int MAX_GLOB_VISITS = 2_000_000;

    private final class Walker {
        private final List<Glob.Segment> segments;
        private final Hidden hidden;
        private final Map<PondPath, GlobMatch> found;
        private final String pattern;
        /**
         * Directories already walked at a pattern position: several {@code **} can reach the same one many times
         * over (exponentially in their number); a repeat can only find paths already found, so it is skipped.
         */
        private final java.util.Set<String> visited = new java.util.HashSet<>();

        Walker(Glob glob, Hidden hidden, Map<PondPath, GlobMatch> found) {
            this.segments = glob.segments();
            this.hidden = hidden;
            this.found = found;
            this.pattern = glob.toString();
        }

        private boolean firstVisit(String kind, Node directory, int index) {
            if (!visited.add(kind + index + "\0" + directory.path())) {
                return false;
            }
            if (visited.size() > MAX_GLOB_VISITS) {
                throw Errors.badGlob(pattern, "it walks more than " + MAX_GLOB_VISITS + " directories");
            }
            return true;
        }

        void walk(Node directory, int index, List<String> captures) {
            if (!firstVisit("w", directory, index)) {
                return;
            }
            if (index == segments.size()) {
                emit(directory, captures);
                return;
            }
            Glob.Segment segment = segments.get(index);
            if (segment instanceof Glob.Segment.Name name) {
                listing(directory.id()).entry(name.name()).ifPresent(
                        e -> step(new Node(directory.path().child(e.name()), directory.id(), e), index, captures));
            } else if (segment instanceof Glob.Segment.Wildcard wildcard) {
                boolean dotNames = hidden == Hidden.INCLUDE || wildcard.pattern().startsWithDot();
                for (Node child : entries(directory)) {
                    if (!dotNames && child.entry().isHidden()) {
                        continue;
                    }
                    wildcard.pattern().match(child.name()).ifPresent(m -> step(child, index, concat(captures, m)));
                }
            } else {
                anyDepth(directory, index, captures, List.of());
            }
        }

        private void step(Node node, int index, List<String> captures) {
            if (index == segments.size() - 1) {
                emit(node, captures);
                return;
            }
            directoryOf(node).ifPresent(d -> walk(d, index + 1, captures));
        }

        /** {@code **}: this directory, then each subdirectory below it (symlinks are not followed, so no loops). */
        private void anyDepth(Node directory, int index, List<String> captures, List<String> spanned) {
            if (!firstVisit("a", directory, index)) {
                return;
            }
            boolean last = index == segments.size() - 1;
            if (!last) {
                walk(directory, index + 1, concat(captures, List.of(String.join("/", spanned))));
            }
            for (Node child : entries(directory)) {
                if (hidden == Hidden.SKIP && child.entry().isHidden()) {
                    continue;
                }
                List<String> below = concat(spanned, List.of(child.name()));
                if (last) {
                    emit(child, concat(captures, List.of(String.join("/", below))));
                }
                if (child.isDirectory()) {
                    anyDepth(child, index, captures, below);
                }
            }
        }

        private Optional<Node> directoryOf(Node node) {
            if (node.isDirectory()) {
                return Optional.of(node);
            }
            if (node.type() == EntryType.SYMLINK) {
                return find(node.path(), Links.FOLLOW).filter(Node::isDirectory).map(d -> d.seenAt(node.path()));
            }
            return Optional.empty();
        }

        private void emit(Node node, List<String> captures) {
            found.putIfAbsent(node.path(), new GlobMatch(node, captures));
            if (found.size() > MAX_GLOB_MATCHES) {
                throw Errors.tooManyMatches(pattern, MAX_GLOB_MATCHES);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }
}
