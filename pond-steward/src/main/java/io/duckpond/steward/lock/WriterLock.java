package io.duckpond.steward.lock;

import io.duckpond.steward.Clock;
import io.duckpond.steward.Invocation;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * The one-writer-at-a-time lock: an OS file lock on {@code <pond>/lock}, released by the kernel when the process dies,
 * so a killed writer never leaves the pond locked. The holder writes who it is into the file for others' messages.
 */
public final class WriterLock implements AutoCloseable {

    /** How long a writer waits for the lock unless told otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private static final long POLL_MILLIS = 50;

    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, waiting up to {@code wait}; then fails with a busy error that names the holder.
     */
    public static WriterLock acquire(Path lockFile, Invocation me, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
        } catch (IOException e) {
            throw Errors.io("open the lock file", lockFile, e);
        }
        try {
            while (true) {
                FileLock lock = tryLock(channel, lockFile);
                if (lock != null) {
                    describeHolder(channel, me);
                    return new WriterLock(channel, lock);
                }
                if (System.nanoTime() >= deadline) {
                    throw busy(lockFile, wait);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw Errors.of(Problem.Kind.BUSY, "Interrupted", "while waiting for " + lockFile, null);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw Errors.io("write the lock file", lockFile, e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path lockFile) {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        } catch (IOException e) {
            throw Errors.of(Problem.Kind.IO_FAILURE, "Cannot lock the pond", lockFile + ": " + e.getMessage(),
                    "keep the pond on a local file system that supports file locks", e);
        }
    }

    private static void describeHolder(FileChannel channel, Invocation me) throws IOException {
        String since = Clock.toInstant(Clock.nowMicros()).toString();
        byte[] text = (me.pid() + "\t" + since + "\t" + me.commandLine() + "\n").getBytes(StandardCharsets.UTF_8);
        // Written over the old line, then cut to length: a waiter reading meanwhile never finds the file empty.
        channel.write(ByteBuffer.wrap(text), 0);
        channel.truncate(text.length);
    }

    /** The current holder as the lock file describes it: pid, since, command. */
    public static Optional<String> holder(Path lockFile) {
        // The holder writes its line right after taking the lock; a reader may come in between, so it looks twice.
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                String[] parts = Files.readString(lockFile).trim().split("\t", 3);
                if (parts.length == 3) {
                    return Optional.of("pid " + parts[0] + ", '" + parts[2] + "', since " + parts[1]);
                }
                Thread.sleep(20);
            } catch (IOException | RuntimeException unreadable) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static RuntimeException busy(Path lockFile, Duration waited) {
        String who = holder(lockFile).map(h -> " (" + h + ")").orElse("");
        return Errors.of(Problem.Kind.BUSY, "Pond is busy",
                "another writer holds " + lockFile + who + "; waited " + waited.toMillis() / 1000.0 + " s",
                "wait for it to finish, or retry with --wait SECONDS");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the kernel releases the lock when the process ends anyway
        }
    }
}
