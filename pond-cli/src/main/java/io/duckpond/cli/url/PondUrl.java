package io.duckpond.cli.url;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.PondException;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.node.EntryType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A source or destination named as {@code [host+]SCHEME[+COMPRESSION][+TYPE]:///ABSOLUTE/PATH}. With {@code host+}
 * the path is on the host's disk, without it in the pond; {@code host:///p} means {@code host+file:///p}.
 */
public record PondUrl(Location location, Scheme scheme, Optional<Compression> compression, Optional<EntryType> type,
        String path) {

    /** Where the path lives. */
    public enum Location {
        HOST,
        POND
    }

    /** What the bytes are. */
    public enum Scheme {
        FILE, DATA, TABLE, SERIES, CSV, JSON, NDJSON, PARQUET;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the bytes are compressed. */
    public enum Compression {
        GZIP, ZSTD
    }

    /** Whether {@code text} is written as a URL at all (a scheme followed by {@code ://}). */
    public static boolean looksLikeUrl(String text) {
        return text.matches("[A-Za-z][A-Za-z0-9+]*://.*");
    }

    /** Parses a URL; text that is not one is empty. */
    public static Optional<PondUrl> parse(String text) {
        if (!looksLikeUrl(text)) {
            return Optional.empty();
        }
        int sep = text.indexOf("://");
        String rest = text.substring(sep + 3);
        if (!rest.startsWith("/")) {
            throw bad(text, "the path must be absolute: three slashes, as in host:///data/file.csv");
        }
        List<String> parts = Arrays.asList(text.substring(0, sep).toLowerCase(Locale.ROOT).split("\\+", -1));
        int i = 0;
        Location location = Location.POND;
        if (parts.get(0).equals("host")) {
            location = Location.HOST;
            i++;
        }
        Scheme scheme = Scheme.FILE;
        if (i < parts.size()) {
            scheme = scheme(parts.get(i), text);
            i++;
        } else if (location == Location.POND) {
            throw bad(text, "no scheme");
        }
        Optional<Compression> compression = Optional.empty();
        if (i < parts.size() && (parts.get(i).equals("gzip") || parts.get(i).equals("zstd"))) {
            compression = Optional.of(Compression.valueOf(parts.get(i).toUpperCase(Locale.ROOT)));
            i++;
        }
        Optional<EntryType> type = Optional.empty();
        if (i < parts.size() && (parts.get(i).equals("table") || parts.get(i).equals("series"))) {
            type = Optional.of(parts.get(i).equals("table") ? EntryType.FILE_TABLE : EntryType.FILE_SERIES);
            i++;
        }
        if (i < parts.size()) {
            throw bad(text, "unexpected '" + parts.get(i) + "'");
        }
        Optional<EntryType> implied = implied(scheme);
        return Optional.of(new PondUrl(location, scheme, compression, type.or(() -> implied), rest));
    }

    /** The entry type a scheme stands for: data, table (also parquet) or series; none for the others. */
    public static Optional<EntryType> implied(Scheme scheme) {
        switch (scheme) {
            case DATA:
                return Optional.of(EntryType.FILE_DATA);
            case TABLE:
            case PARQUET:
                return Optional.of(EntryType.FILE_TABLE);
            case SERIES:
                return Optional.of(EntryType.FILE_SERIES);
            default:
                return Optional.empty();
        }
    }

    private static Scheme scheme(String word, String text) {
        for (Scheme s : Scheme.values()) {
            if (s.label().equals(word)) {
                return s;
            }
        }
        throw bad(text, "unknown scheme '" + word + "'");
    }

    private static PondException bad(String text, String reason) {
        return Errors.of(Problem.Kind.USAGE, "Invalid URL", "'" + text + "': " + reason,
                "write [host+]SCHEME[+gzip|+zstd][+table|+series]:///ABSOLUTE/PATH with SCHEME one of "
                        + "file, data, table, series, csv, json, ndjson, parquet");
    }

    public boolean isHost() {
        return location == Location.HOST;
    }
}
