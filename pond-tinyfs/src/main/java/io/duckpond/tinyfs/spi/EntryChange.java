package io.duckpond.tinyfs.spi;

import io.duckpond.tinyfs.node.DirectoryEntry;

/** The net change to one name of a directory in one transaction. */
public sealed interface EntryChange {
    String name();

    /** The name now holds this entry (added, replaced, or its latest version moved on). */
    record Put(DirectoryEntry entry) implements EntryChange {
        @Override
        public String name() {
            return entry.name();
        }
    }

    /** The name is gone. */
    record Remove(String name) implements EntryChange {}
}
