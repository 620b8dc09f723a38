package io.duckpond.tlogfs.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the pond does to the disk, as a test sees it: every file it creates, forces, renames, links or deletes, and
 * every named point a write path passes ({@code large-file:written}, {@code publish:before-link}, ...). A test
 * observer can fail at a point (to inject an I/O error) or record which writes were durable when it chose to cut the
 * power. Production runs with {@link #NONE}.
 */
public interface DiskObserver {

    DiskObserver NONE = new DiskObserver() {};

    /** A named point of a write path; may throw to inject a failure there. */
    default void reached(String point) throws IOException {}

    default void created(Path file) {}

    default void forced(Path file) {}

    default void forcedDirectory(Path directory) {}

    default void madeDirectory(Path directory) {}

    default void renamed(Path from, Path to) {}

    default void linked(Path existing, Path link) {}

    default void deleted(Path file) {}
}
