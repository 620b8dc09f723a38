package io.duckpond.tinyfs.spi;

import io.duckpond.tinyfs.node.DirectoryEntry;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tinyfs.node.NodeId;
import java.io.InputStream;
import java.util.List;

/** A consistent, read-only view of the nodes as of one transaction. */
public interface Snapshot {

    /** The newest transaction this view shows. */
    long txnSeq();

    /** A directory's entries; throws a corrupt-data error if the directory has no stored version. */
    DirectoryListing listing(NodeId directory);

    /** The version of a file or symlink that its directory entry names as latest. */
    FileVersion latest(NodeId parent, DirectoryEntry entry);

    /** Every version of a file or symlink stored in {@code parent}'s partition, oldest first. */
    List<FileVersion> versions(NodeId parent, NodeId node);

    /** The bytes of a version; the caller closes the stream. */
    InputStream open(FileVersion version);
}
