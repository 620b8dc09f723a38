package io.duckpond.tinyfs.spi;

/** Where a tinyfs keeps its nodes: the plug-in point between the filesystem and its storage. */
public interface Persistence {

    /** The newest committed state. */
    Snapshot latest();

    /** The state right after transaction {@code txnSeq} committed. */
    Snapshot asOf(long txnSeq);

    /** Starts a transaction on top of {@link #latest()}. */
    PendingCommit begin();
}
