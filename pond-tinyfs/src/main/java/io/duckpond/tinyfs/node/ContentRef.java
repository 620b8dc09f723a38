package io.duckpond.tinyfs.node;

/**
 * Content staged with a persistence layer, named by its SHA-256. Where the bytes live (inline in the log or in a
 * content-addressed store) is the persistence layer's choice.
 */
public record ContentRef(String sha256, long size) {
    public ContentRef {
        if (sha256.length() != 64) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
    }
}
