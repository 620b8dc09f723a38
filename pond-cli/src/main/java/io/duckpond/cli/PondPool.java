package io.duckpond.cli;

import io.duckpond.steward.Pond;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ponds kept open across the commands of one process ({@code pond apply}): each is opened once, so later commands
 * skip starting DuckDB and replaying the log. Every command is still its own transaction under the writer lock.
 */
public final class PondPool implements AutoCloseable {

    private final Map<Path, Pond> open = new LinkedHashMap<>();

    public Pond get(Path directory) {
        return open.computeIfAbsent(directory.toAbsolutePath().normalize(), Pond::open);
    }

    @Override
    public void close() {
        open.values().forEach(Pond::close);
        open.clear();
    }
}
