package io.duckpond.tinyfs.spi;

import io.duckpond.tinyfs.node.DirectoryEntry;
import io.duckpond.tinyfs.node.NodeId;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The entries of one directory at one of its versions, sorted by name. */
public record DirectoryListing(NodeId directory, long version, SortedMap<String, DirectoryEntry> entries) {
    public DirectoryListing {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    public Optional<DirectoryEntry> entry(String name) {
        return Optional.ofNullable(entries.get(name));
    }
}
