package io.duckpond.tlogfs.delta;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One line of a Delta commit file. Only the actions pond writes or needs to read are modelled. */
public sealed interface Action {

    record Protocol(int minReaderVersion, int minWriterVersion) implements Action {}

    record Metadata(String id, String schemaString, List<String> partitionColumns, Map<String, String> configuration,
            long createdTime) implements Action {
        public Metadata {
            partitionColumns = List.copyOf(partitionColumns);
            configuration = Map.copyOf(configuration);
        }
    }

    /**
     * A data file joining the table.
     *
     * @param path a URI reference relative to the table root, percent-encoded
     */
    record AddFile(String path, Map<String, String> partitionValues, long size, long modificationTime,
            boolean dataChange, Optional<String> stats) implements Action {
        public AddFile {
            partitionValues = Map.copyOf(partitionValues);
        }

        /** The file's path relative to the table root, decoded. */
        public String relativePath() {
            return decode(path);
        }
    }

    /** A data file leaving the table (compaction keeps the rows in another file, with {@code dataChange=false}). */
    record RemoveFile(String path, long deletionTimestamp, boolean dataChange, Map<String, String> partitionValues,
            long size) implements Action {
        public RemoveFile {
            partitionValues = Map.copyOf(partitionValues);
        }
    }

    /** Delta's application transaction marker: pond records its transaction number under app id {@code duckpond}. */
    record TransactionId(String appId, long version, long lastUpdated) implements Action {}

    /** Free-form facts about a commit: pond puts its transaction number, command line, user and times here. */
    record CommitInfo(Map<String, Object> fields) implements Action {
        public CommitInfo {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }

    /** A relative path as Delta stores it: a URI reference, percent-encoded. */
    static String encode(String relativePath) {
        try {
            return new URI(null, null, relativePath, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot encode " + relativePath, e);
        }
    }

    static String decode(String path) {
        try {
            URI uri = new URI(path);
            return uri.getScheme() == null ? uri.getPath() : java.nio.file.Path.of(uri).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI: " + path, e);
        }
    }
}
