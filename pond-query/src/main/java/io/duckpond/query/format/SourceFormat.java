package io.duckpond.query.format;

import io.duckpond.tlogfs.duck.DuckSession;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** A format pond reads: how its bytes become rows in DuckDB. */
public enum SourceFormat {
    CSV,
    /** A JSON array of objects, or one object per line (detected). */
    JSON,
    /** One JSON object per line. */
    NDJSON,
    PARQUET;

    /** How a file's bytes are compressed. */
    public enum Compression {
        NONE, GZIP, ZSTD;

        String duckName() {
            return this == NONE ? "none" : name().toLowerCase(Locale.ROOT);
        }
    }

    /** The DuckDB table function reading {@code file}, as SQL text. */
    public String relation(Path file, Compression compression, Optional<Character> delimiter) {
        return relation(file, compression, delimiter, "");
    }

    /** The same, with extra reader options (e.g. {@code , types = {...}}) appended. */
    public String relation(Path file, Compression compression, Optional<Character> delimiter, String options) {
        String path = DuckSession.literal(file.toString());
        String compressed = compression == Compression.NONE ? "" : ", compression = " + DuckSession.literal(
                compression.duckName());
        switch (this) {
            case CSV:
                // skip = 0: DuckDB's sniffer may otherwise decide that leading rows are a preamble and drop them.
                return "read_csv(" + path + compressed + ", skip = 0" + delimiter.map(d -> ", delim = "
                        + DuckSession.literal(String.valueOf(d)) + ", header = true, strict_mode = true").orElse("")
                        + options + ")";
            case JSON:
                return "read_json(" + path + compressed + ", format = 'auto'" + options + ")";
            case NDJSON:
                return "read_json(" + path + compressed + ", format = 'newline_delimited'" + options + ")";
            default:
                if (compression != Compression.NONE) {
                    throw new IllegalArgumentException("Parquet compresses its own pages; no outer compression");
                }
                return "read_parquet(" + path + ")";
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
