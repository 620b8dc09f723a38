package io.duckpond.tinyfs.spi;

import java.util.List;

/** Everything one transaction changes: new directory versions and new file or symlink versions. */
public record ChangeSet(long txnSeq, long timestampMicros, List<DirectoryChange> directories, List<NewVersion> versions) {
    public ChangeSet {
        directories = List.copyOf(directories);
        versions = List.copyOf(versions);
    }

    public boolean isEmpty() {
        return directories.isEmpty() && versions.isEmpty();
    }
}
