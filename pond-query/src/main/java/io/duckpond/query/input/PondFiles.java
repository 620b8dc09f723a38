package io.duckpond.query.input;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tlogfs.io.Disk;
import io.duckpond.tlogfs.io.Durable;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Versions as files DuckDB can read: large contents in place in the store; inline ones written once, by hash, into
 * the pond's disposable {@code cache/} (or, where the pond is read-only, a private temp directory removed on close).
 */
public final class PondFiles implements AutoCloseable {

    private final FileSystemView view;
    private final LargeFileStore store;
    private final Path cache;
    private Path privateCache;

    public PondFiles(FileSystemView view, LargeFileStore store, Path cache) {
        this.view = view;
        this.store = store;
        this.cache = cache;
    }

    public FileSystemView view() {
        return view;
    }

    /** A readable file holding exactly the bytes of {@code version}. */
    public Path localPath(FileVersion version) {
        if (version.size() >= LargeFileStore.THRESHOLD) {
            return store.pathOf(version.sha256());
        }
        Path shared = cache.resolve(version.sha256());
        if (hasSize(shared, version.size())) {
            return shared;
        }
        try {
            return materialize(version, cache);
        } catch (IOException cacheNotWritable) {
            try {
                if (privateCache == null) {
                    privateCache = Files.createTempDirectory("pond-cache-");
                }
                return materialize(version, privateCache);
            } catch (IOException e) {
                throw Errors.io("materialize a version for reading", version.sha256(), e);
            }
        }
    }

    /** A cache file of the wrong size (a write cut short) is written again rather than read. */
    private static boolean hasSize(Path file, long size) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == size;
        } catch (IOException vanished) {
            return false;
        }
    }

    private Path materialize(FileVersion version, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(version.sha256());
        Path temporary = Durable.temporaryName(directory, ".tmp");
        try (InputStream in = view.open(version)) {
            Files.copy(in, temporary);
            Disk.observer().created(temporary);
            // Forced before the rename, so a power cut cannot leave the name pointing at unwritten blocks.
            Durable.force(temporary);
            Durable.moveIntoPlace(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    /** The private cache, if one was needed. */
    public Optional<Path> privateCache() {
        return Optional.ofNullable(privateCache);
    }

    @Override
    public void close() {
        if (privateCache == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(privateCache)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
