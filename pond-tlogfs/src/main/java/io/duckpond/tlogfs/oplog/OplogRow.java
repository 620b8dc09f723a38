package io.duckpond.tlogfs.oplog;

import java.util.Optional;

/**
 * One oplog row as {@code pond show} presents it (content left out).
 *
 * @param listing for a directory row, what it holds: "full listing: a, b" or "changes: +a -b"
 */
public record OplogRow(String partId, String nodeId, String fileType, long version, long size, String sha256,
        Optional<String> listing) {}
