package io.duckpond.steward;

import java.nio.file.Path;

/** Where each part of a pond lives on disk (docs/format.md). */
public record PondLayout(Path root) {
    public PondLayout {
        root = root.toAbsolutePath().normalize();
    }

    /** The single-writer lock, outside both tables. */
    public Path lock() {
        return root.resolve("lock");
    }

    /** The oplog: a Delta table partitioned by directory. */
    public Path data() {
        return root.resolve("data");
    }

    /** One record per write command: a Delta table. */
    public Path control() {
        return root.resolve("control");
    }

    /** Derived, disposable files. */
    public Path cache() {
        return root.resolve("cache");
    }
}
