package io.duckpond.tinyfs.node;

/**
 * The latest version of a file or symlink as its directory records it, so that listing and reading need not search
 * history: which version, in which transaction, how big, with what hash, and when it was written.
 */
public record VersionSummary(long version, long txnSeq, long size, String sha256, long modifiedMicros) {
    public VersionSummary {
        if (version < 1) {
            throw new IllegalArgumentException("versions count from 1, got " + version);
        }
    }

    public ContentRef content() {
        return new ContentRef(sha256, size);
    }
}
