package io.duckpond.tinyfs.spi;

import io.duckpond.tinyfs.node.ContentRef;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.EventTimeRange;
import io.duckpond.tinyfs.node.NodeId;
import java.util.Map;
import java.util.Optional;

/**
 * A version of a file or symlink written by a transaction, stored in its parent directory's partition.
 *
 * @param timestampMicros when the content was written: the transaction's time, or the original time when a move
 *                        re-homes an existing version into a new directory
 */
public record NewVersion(
        NodeId parent,
        NodeId node,
        EntryType type,
        long version,
        ContentRef content,
        Optional<EventTimeRange> eventTime,
        Map<String, String> attributes,
        long timestampMicros) {
    public NewVersion {
        attributes = Map.copyOf(attributes);
    }
}
