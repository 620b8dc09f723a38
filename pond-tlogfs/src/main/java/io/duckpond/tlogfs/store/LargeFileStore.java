package io.duckpond.tlogfs.store;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.node.ContentRef;
import io.duckpond.tlogfs.io.Disk;
import io.duckpond.tlogfs.io.Durable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Contents of 64 KiB and more, stored raw (so Parquet can be read in place) under {@code _large_files/<hh>/<sha256>}.
 * Streamed: a temp file is written while hashing, forced, then renamed to its hash; memory does not depend on size.
 * Identical content is stored once.
 */
public final class LargeFileStore {

    /** Content at or above this size is stored here; smaller content goes inline in the oplog. */
    public static final int THRESHOLD = 64 * 1024;

    private static final int CHUNK = 1 << 20;
    private static final long FLUSH_EVERY = 64L << 20;

    /** What {@link #store} did. */
    public enum Outcome {
        /** The content is new and was written. */
        CREATED,
        /** The content was already stored; nothing was written. */
        ALREADY_STORED
    }

    /** The stored content and whether this call created it. */
    public record Stored(ContentRef content, Outcome outcome) {}

    private final Path root;

    public LargeFileStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public boolean contains(String sha256) {
        return Files.exists(pathOf(sha256));
    }

    /** Stores {@code head[0..headLength)} followed by the rest of {@code rest}. */
    public Stored store(byte[] head, int headLength, InputStream rest) throws IOException {
        Durable.createDirectories(root);
        Path temporary = Durable.temporaryName(root, ".tmp");
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    Hasher hasher = new Hasher(digest)) {
                Disk.observer().created(temporary);
                writeFully(out, head, headLength);
                hasher.update(head, headLength);
                size += headLength;
                // Two buffers: one is read and written while the hasher digests the other.
                byte[][] buffers = {new byte[CHUNK], new byte[CHUNK]};
                long unflushed = 0;
                for (int turn = 0;; turn ^= 1) {
                    byte[] buffer = buffers[turn];
                    int n = rest.readNBytes(buffer, 0, CHUNK);
                    if (n <= 0) {
                        break;
                    }
                    writeFully(out, buffer, n);
                    hasher.update(buffer, n);
                    size += n;
                    unflushed += n;
                    Disk.reached("large-file:chunk-written");
                    if (unflushed >= FLUSH_EVERY) {
                        // Starts write-back while hashing goes on, so the force below has little left to wait for.
                        force(out, false);
                        unflushed = 0;
                    }
                }
                hasher.finish();
                Disk.reached("large-file:written");
                force(out, true);
            }
            Disk.observer().forced(temporary);
            String hash = HexFormat.of().formatHex(digest.digest());
            Path target = pathOf(hash);
            ContentRef content = new ContentRef(hash, size);
            if (Files.exists(target)) {
                return new Stored(content, Outcome.ALREADY_STORED);
            }
            Durable.createDirectories(target.getParent());
            Durable.moveIntoPlace(temporary, target);
            return new Stored(content, Outcome.CREATED);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** A FileInputStream, so readers can reach its channel and let the kernel copy the bytes. */
    public InputStream open(String sha256) throws IOException {
        return new java.io.FileInputStream(pathOf(sha256).toFile());
    }

    /** Removes content that no commit references (after a failed transaction, or by recovery). */
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(pathOf(sha256));
    }

    private void force(FileChannel out, boolean metadata) {
        try {
            out.force(metadata);
        } catch (IOException e) {
            throw Errors.io("store content in", root, e);
        }
    }

    /**
     * SHA-256 on a thread of its own, one chunk behind the copy: hashing a gigabyte takes about as long as writing it,
     * and side by side on two cores the two take the time of the slower. Chunks are digested in order, one at a time;
     * {@link #update} returns once the previous chunk is digested, so the caller may refill the buffer before that one.
     */
    private static final class Hasher implements AutoCloseable {
        private final MessageDigest digest;
        private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "pond-sha256");
            t.setDaemon(true);
            return t;
        });
        private Future<?> previous = CompletableFuture.completedFuture(null);

        Hasher(MessageDigest digest) {
            this.digest = digest;
        }

        void update(byte[] chunk, int length) {
            finish();
            previous = thread.submit(() -> digest.update(chunk, 0, length));
        }

        /** Waits until every chunk handed over is digested. */
        void finish() {
            try {
                previous.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while hashing", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("hashing failed", e.getCause());
            }
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }

    /** Writes all of it; a failure here is the store's (e.g. a full disk), told apart from failing to read the source. */
    private void writeFully(FileChannel out, byte[] bytes, int length) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        try {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException e) {
            throw Errors.io("store content in", root, e);
        }
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
