package io.duckpond.tinyfs.node;

import java.util.Map;
import java.util.Optional;

/**
 * One stored version of a file or symlink.
 *
 * @param parent     the directory whose partition holds the version
 * @param attributes extended attributes, e.g. {@code duckpond.timestamp_column} of a series
 */
public record FileVersion(
        NodeId parent,
        NodeId node,
        EntryType type,
        long version,
        long txnSeq,
        long timestampMicros,
        ContentRef content,
        Optional<EventTimeRange> eventTime,
        Map<String, String> attributes) {

    public FileVersion {
        attributes = Map.copyOf(attributes);
    }

    public long size() {
        return content.size();
    }

    public String sha256() {
        return content.sha256();
    }
}
