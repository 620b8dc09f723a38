package io.duckpond.tinyfs.fs;

/** Whether a symlink in the last position of a path is followed; links before it always are. */
public enum Links {
    FOLLOW,
    NO_FOLLOW
}
