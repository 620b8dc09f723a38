package io.duckpond.tinyfs.spi;

import io.duckpond.tinyfs.node.DirectoryEntry;
import io.duckpond.tinyfs.node.NodeId;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A new version of a directory: the full listing after the transaction and the net changes that led to it, so that a
 * persistence layer can store either. Version 1 is the directory's creation.
 */
public record DirectoryChange(
        NodeId directory, long version, SortedMap<String, DirectoryEntry> entries, List<EntryChange> changes) {
    public DirectoryChange {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        changes = List.copyOf(changes);
    }

    public boolean isCreation() {
        return version == 1;
    }
}
