package io.duckpond.cli.content;

import io.duckpond.cli.url.PondUrl;
import io.duckpond.query.format.SourceFormat;
import io.duckpond.query.input.PondFiles;
import io.duckpond.query.input.PondRelations;
import io.duckpond.query.input.SqlInput;
import io.duckpond.query.input.TimeWindow;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.GlobMatch;
import io.duckpond.tinyfs.fs.Hidden;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.glob.Glob;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tlogfs.parquet.ParquetInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a query input argument names: a pond path or glob, a pond file through a format, or a host file. */
public final class QueryInputs implements AutoCloseable {

    private final PondFiles files;
    private final PondRelations relations;

    public QueryInputs(Pond pond, FileSystemView view) {
        this.files = new PondFiles(view, pond.data().store(), pond.layout().cache());
        this.relations = new PondRelations(files, pond.duck());
    }

    /** Whether {@code text} can be read without a pond: a host URL. */
    public static boolean isHostOnly(String text) {
        return PondUrl.parse(text).map(PondUrl::isHost).orElse(false);
    }

    /** A host file read through its format, with no pond at all. */
    public static SqlInput host(String name, String text) {
        PondUrl url = PondUrl.parse(text).orElseThrow();
        Path file = Path.of(url.path());
        if (!Files.isRegularFile(file)) {
            throw Errors.of(Problem.Kind.NOT_FOUND, "No such file", file.toString(), "check the path");
        }
        Optional<PondRelations.Reading> named = reading(url);
        if (named.isEmpty()) {
            try {
                ParquetInspector.requireParquet(file, text);
            } catch (java.io.IOException e) {
                throw Errors.io("read", file, e);
            }
        }
        PondRelations.Reading reading = named.orElse(new PondRelations.Reading(SourceFormat.PARQUET,
                SourceFormat.Compression.NONE));
        return new SqlInput(name, reading.format().relation(file, reading.compression(), Optional.empty()),
                List.of(file), 1);
    }

    /** A pond input: a path or glob (tables and series), or a format URL over pond data files. */
    public SqlInput pond(String name, String text, TimeWindow window) {
        Optional<PondUrl> url = PondUrl.parse(text);
        String pattern = url.map(PondUrl::path).orElse(text);
        Optional<PondRelations.Reading> reading = url.flatMap(QueryInputs::reading);
        return relations.input(name, nodes(pattern), window, reading);
    }

    private List<Node> nodes(String pattern) {
        if (files.view().exact(pattern).isPresent()) {
            return List.of(files.view().resolve(PondPath.parse(pattern), Links.FOLLOW));
        }
        Glob glob = Glob.parse(pattern);
        if (glob.isLiteral()) {
            return List.of(files.view().resolve(glob.fixedPrefix(), Links.FOLLOW));
        }
        List<Node> matched = files.view().glob(glob, Hidden.SKIP).stream().map(GlobMatch::node)
                .filter(n -> !n.isDirectory()).toList();
        if (matched.isEmpty()) {
            throw Errors.notFound(pattern + " (no match)");
        }
        return matched;
    }

    /** The format a URL names; {@code file}, {@code table} and {@code series} need none beyond Parquet. */
    static Optional<PondRelations.Reading> reading(PondUrl url) {
        SourceFormat.Compression compression = url.compression()
                .map(c -> SourceFormat.Compression.valueOf(c.name())).orElse(SourceFormat.Compression.NONE);
        switch (url.scheme()) {
            case CSV:
            case JSON:
            case NDJSON:
                return Optional.of(new PondRelations.Reading(SourceFormat.valueOf(url.scheme().name()), compression));
            case PARQUET:
                return Optional.of(new PondRelations.Reading(SourceFormat.PARQUET, SourceFormat.Compression.NONE));
            default:
                return Optional.empty();
        }
    }

    @Override
    public void close() {
        files.close();
    }
}
