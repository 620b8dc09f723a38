package io.duckpond.tinyfs.node;

import java.util.Optional;

/**
 * One name in a directory.
 *
 * @param latest the newest version of a file or symlink; empty for a directory, whose history lives in its own
 *               partition
 */
public record DirectoryEntry(String name, NodeId node, EntryType type, Optional<VersionSummary> latest) {

    public DirectoryEntry {
        if (type.isDirectory() == latest.isPresent()) {
            throw new IllegalArgumentException(
                    type.isDirectory() ? "a directory entry has no version summary" : "a " + type + " entry needs one");
        }
    }

    public static DirectoryEntry directory(String name, NodeId node) {
        return new DirectoryEntry(name, node, EntryType.DIRECTORY, Optional.empty());
    }

    public static DirectoryEntry leaf(String name, NodeId node, EntryType type, VersionSummary latest) {
        return new DirectoryEntry(name, node, type, Optional.of(latest));
    }

    public DirectoryEntry renamed(String newName) {
        return new DirectoryEntry(newName, node, type, latest);
    }

    /** The summary of a file or symlink; throws for a directory. */
    public VersionSummary summary() {
        return latest.orElseThrow(() -> new IllegalStateException(name + " is a directory"));
    }

    public boolean isHidden() {
        return name.startsWith(".");
    }
}
