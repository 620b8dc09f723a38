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

/**
 * Contents of 64 KiB and more, stored raw (so Parquet can be read in place) under {@code _large_files/<hh>/<sha256>}.
 * Streamed: a temp file is written while hashing, forced, then renamed to its hash; memory does not depend on size.
 * Identical content is stored once.
 */
public final class LargeFileStore {

    /** Content at or above this size is stored here; smaller content goes inline in the oplog. */
    public static final int THRESHOLD = 64 * 1024;

    private static final int CHUNK = 1 << 20;

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
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                Disk.observer().created(temporary);
                writeFully(out, head, headLength);
                digest.update(head, 0, headLength);
                size += headLength;
                byte[] buffer = new byte[CHUNK];
                for (int n = rest.readNBytes(buffer, 0, CHUNK); n > 0; n = rest.readNBytes(buffer, 0, CHUNK)) {
                    writeFully(out, buffer, n);
                    digest.update(buffer, 0, n);
                    size += n;
                    Disk.reached("large-file:chunk-written");
                }
                Disk.reached("large-file:written");
                try {
                    out.force(true);
                } catch (IOException e) {
                    throw Errors.io("store content in", root, e);
                }
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
