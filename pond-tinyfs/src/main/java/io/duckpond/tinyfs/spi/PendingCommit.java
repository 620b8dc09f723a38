package io.duckpond.tinyfs.spi;

import io.duckpond.tinyfs.node.ContentRef;
import io.duckpond.tinyfs.node.FileVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * One transaction being prepared on top of a snapshot: content is staged first, then the changes are committed at
 * once. Closing without committing discards what was staged.
 */
public interface PendingCommit extends AutoCloseable {

    /** What the transaction reads and builds on. */
    Snapshot base();

    /** Reads {@code content} to its end and keeps it for the commit. */
    ContentRef stage(InputStream content) throws IOException;

    /** Makes an existing version's content available to this commit, e.g. when a move re-homes it. */
    ContentRef restage(FileVersion existing);

    /** The bytes of content staged in this transaction. */
    InputStream openStaged(ContentRef content);

    /**
     * Stores the changes as transaction {@code base().txnSeq() + 1}, atomically.
     *
     * @param commitInfo free-form facts recorded with the commit (command line, user, times)
     */
    void commit(ChangeSet changes, Map<String, Object> commitInfo);

    @Override
    void close();
}
