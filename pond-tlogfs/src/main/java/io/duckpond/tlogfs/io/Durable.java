package io.duckpond.tlogfs.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes that survive a power cut: content is forced to disk before the name that publishes it, and the directory
 * holding a new name is forced after it. Every write path of the pond goes through here.
 */
public final class Durable {
    private Durable() {}

    /** Forces a file's content and metadata to disk. */
    public static void force(Path file) throws IOException {
        Disk.reached("force:before");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
        Disk.observer().forced(file);
    }

    /** Forces a directory, so that names created, renamed or removed in it are on disk. */
    public static void forceDirectory(Path directory) throws IOException {
        Disk.reached("force-directory:before");
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        Disk.observer().forcedDirectory(directory);
    }

    /**
     * Creates {@code directory} (and missing parents) and forces every directory whose entries changed, so the new
     * directory cannot vanish in a crash after files inside it were forced.
     */
    public static void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        createDirectories(absolute.getParent());
        try {
            Files.createDirectory(absolute);
            Disk.observer().madeDirectory(absolute);
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        }
        forceDirectory(absolute.getParent());
    }

    /** A temporary name in {@code directory} that no Delta reader takes for a log or data file. */
    public static Path temporaryName(Path directory, String suffix) {
        return directory.resolve("." + UUID.randomUUID() + suffix);
    }

    /** Writes {@code bytes} to a new temporary file in {@code directory} and forces it. */
    public static Path writeTemporary(Path directory, byte[] bytes, String suffix) throws IOException {
        Path temporary = temporaryName(directory, suffix);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Disk.observer().created(temporary);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            Disk.reached("temporary:written");
            channel.force(true);
        }
        Disk.observer().forced(temporary);
        return temporary;
    }

    /**
     * Publishes {@code bytes} under {@code target} only if no file has that name: temp file, force, hard link (which
     * fails if the name exists), force the directory.
     *
     * @throws FileAlreadyExistsException if {@code target} exists; nothing is changed then
     */
    public static void publishNew(Path target, byte[] bytes) throws IOException {
        Path directory = target.getParent();
        Path temporary = writeTemporary(directory, bytes, ".json.tmp");
        try {
            Disk.reached("publish:before-link");
            Files.createLink(target, temporary);
            Disk.observer().linked(temporary, target);
            Disk.reached("publish:linked");
        } finally {
            Files.deleteIfExists(temporary);
            Disk.observer().deleted(temporary);
        }
        forceDirectory(directory);
        Disk.reached("publish:durable");
    }

    /** Replaces {@code target} atomically with {@code bytes}: temp file, force, rename, force the directory. */
    public static void replace(Path target, byte[] bytes) throws IOException {
        Path temporary = writeTemporary(target.getParent(), bytes, ".tmp");
        moveIntoPlace(temporary, target);
    }

    /** Renames a forced temporary file over {@code target} and forces the directory. */
    public static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Disk.reached("rename:before");
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Disk.observer().renamed(temporary, target);
            Disk.reached("rename:done");
        } finally {
            Files.deleteIfExists(temporary);
        }
        forceDirectory(target.getParent());
    }
}
