package io.duckpond.tinyfs.node;

import io.duckpond.tinyfs.error.Errors;

/** What a node is. A node's entry type never changes. */
public enum EntryType {
    DIRECTORY("directory"),
    SYMLINK("symlink"),
    /** Opaque bytes. */
    FILE_DATA("file:data"),
    /** One Parquet file per version; the latest version is the table. */
    FILE_TABLE("file:table"),
    /** One Parquet file per version; all versions read as one table, pruned by time. */
    FILE_SERIES("file:series");

    private final String label;

    EntryType(String label) {
        this.label = label;
    }

    /** The name stored on disk and shown to users, e.g. {@code file:series}. */
    public String label() {
        return label;
    }

    public boolean isDirectory() {
        return this == DIRECTORY;
    }

    public boolean isSymlink() {
        return this == SYMLINK;
    }

    /** {@code file:data}, {@code file:table} or {@code file:series}. */
    public boolean isFile() {
        return this == FILE_DATA || this == FILE_TABLE || this == FILE_SERIES;
    }

    /** {@code file:table} or {@code file:series}: content is Parquet. */
    public boolean isTabular() {
        return this == FILE_TABLE || this == FILE_SERIES;
    }

    public static EntryType fromLabel(String label) {
        for (EntryType type : values()) {
            if (type.label.equals(label)) {
                return type;
            }
        }
        throw Errors.corrupt("entry type", "unknown entry type '" + label + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
