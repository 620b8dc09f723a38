package io.duckpond.bench;

import io.duckpond.steward.Invocation;
import io.duckpond.steward.Pond;
import io.duckpond.steward.Written;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.path.PondPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Histories built in process, a transaction each, as a long-running ingester would make them. */
final class PondWrites {
    private PondWrites() {}

    private static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    /** A new pond with the given directories made in its second transaction. */
    static Pond create(Path pondDir, String... directories) {
        Pond pond = Pond.init(pondDir, Invocation.current(List.of("bench", "init")), Optional.empty());
        pond.write(Invocation.current(List.of("bench", "mkdir")), LOCK_WAIT, tx -> {
            for (String directory : directories) {
                tx.mkdirs(PondPath.parse(directory));
            }
            return directories.length;
        });
        return pond;
    }

    /** One transaction writing one file (a new version when it exists). */
    static Written<?> writeFile(Pond pond, String path, byte[] content) {
        return pond.write(Invocation.current(List.of("bench", "copy", path)), LOCK_WAIT, tx -> {
            try {
                return tx.write(PondPath.parse(path), EntryType.FILE_DATA, tx.stage(new ByteArrayInputStream(content)),
                        Optional.empty(), Map.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
