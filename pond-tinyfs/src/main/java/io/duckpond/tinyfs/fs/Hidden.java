package io.duckpond.tinyfs.fs;

/** Whether wildcards match names that start with {@code .}. */
public enum Hidden {
    SKIP,
    INCLUDE
}
