package io.duckpond.cli.content;

import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.store.LargeFileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bytes a file stands for when it leaves the pond: its latest version, except a series with several versions,
 * which leaves as one Parquet file of all its versions (unioned by column name).
 */
public final class Contents {
    private Contents() {}

    /** Streams the bytes of {@code node} to {@code out}; memory does not depend on the size. */
    public static void write(Pond pond, FileSystemView view, Node node, OutputStream out) throws IOException {
        if (node.isDirectory()) {
            throw Errors.isADirectory(node.path());
        }
        List<FileVersion> versions = node.type() == EntryType.FILE_SERIES ? view.versions(node) : List.of();
        if (versions.size() <= 1) {
            try (InputStream in = view.open(view.latest(node))) {
                in.transferTo(out);
            }
            return;
        }
        Path scratch = Files.createTempDirectory("pond-series-");
        try {
            List<Path> files = new ArrayList<>();
            for (FileVersion v : versions) {
                files.add(localFile(pond, view, v, scratch));
            }
            Path union = scratch.resolve("union.parquet");
            pond.duck().execute("COPY (SELECT * FROM read_parquet(" + DuckSession.pathList(files)
                    + ", union_by_name = true)) TO " + DuckSession.literal(union.toString())
                    + " (FORMAT parquet, COMPRESSION zstd)");
            Files.copy(union, out);
        } catch (SQLException e) {
            throw Errors.of(io.duckpond.tinyfs.error.Problem.Kind.INVALID_INPUT, "Cannot read series",
                    node.path() + ": " + e.getMessage(), null, e);
        } finally {
            deleteTree(scratch);
        }
    }

    /** A path DuckDB can read for one version: the large-file store in place, or a scratch copy of inline bytes. */
    private static Path localFile(Pond pond, FileSystemView view, FileVersion version, Path scratch) throws IOException {
        if (version.size() >= LargeFileStore.THRESHOLD) {
            return pond.data().store().pathOf(version.sha256());
        }
        Path file = scratch.resolve("v" + version.version() + ".parquet");
        try (InputStream in = view.open(version)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
