package io.duckpond.cli.content;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.Optional;

/**
 * Copies bytes out of the pond. A stored file going to a file or to the process's own stdout is handed to the
 * kernel (sendfile), so a gigabyte never passes through the JVM; anything else is copied through a large buffer.
 */
public final class ByteCopy {
    private ByteCopy() {}

    private static final int BUFFER = 1 << 20;

    /** An output stream that can hand over the file descriptor beneath it (stdout of the real process). */
    public interface ChannelBacked {
        /** The channel to write to, after any buffered bytes have been flushed. */
        FileChannel flushedChannel() throws IOException;
    }

    public static void copy(InputStream in, OutputStream out) throws IOException {
        Optional<FileChannel> target = channelOf(out);
        if (in instanceof FileInputStream file && target.isPresent()) {
            FileChannel source = file.getChannel();
            long position = source.position();
            long size = source.size();
            while (position < size) {
                position += source.transferTo(position, size - position, target.get());
            }
            return;
        }
        byte[] buffer = new byte[BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
        }
    }

    private static Optional<FileChannel> channelOf(OutputStream out) throws IOException {
        if (out instanceof FileOutputStream file) {
            return Optional.of(file.getChannel());
        }
        if (out instanceof ChannelBacked backed) {
            return Optional.of(backed.flushedChannel());
        }
        return Optional.empty();
    }
}
