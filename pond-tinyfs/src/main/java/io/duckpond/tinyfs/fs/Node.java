package io.duckpond.tinyfs.fs;

import io.duckpond.tinyfs.node.DirectoryEntry;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.NodeId;
import io.duckpond.tinyfs.path.PondPath;

/**
 * A node found by path: where it was found, the directory that holds its entry, and the entry itself.
 *
 * @param parent the directory whose listing holds {@code entry}; the root is its own parent
 */
public record Node(PondPath path, NodeId parent, DirectoryEntry entry) {

    static Node root() {
        return new Node(PondPath.ROOT, NodeId.ROOT, DirectoryEntry.directory("", NodeId.ROOT));
    }

    public NodeId id() {
        return entry.node();
    }

    public EntryType type() {
        return entry.type();
    }

    public String name() {
        return path.isRoot() ? "/" : path.name();
    }

    public boolean isDirectory() {
        return entry.type().isDirectory();
    }

    public boolean isRoot() {
        return entry.node().equals(NodeId.ROOT);
    }

    /** This node seen at another path, e.g. a directory reached through a symlink. */
    public Node seenAt(PondPath otherPath) {
        return new Node(otherPath, parent, entry);
    }
}
