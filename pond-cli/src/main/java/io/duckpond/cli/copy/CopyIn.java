package io.duckpond.cli.copy;

import io.duckpond.cli.CliContext;
import io.duckpond.cli.url.PondUrl;
import io.duckpond.query.format.Conversion;
import io.duckpond.query.format.SourceFormat;
import io.duckpond.query.input.PondRelations;
import io.duckpond.query.input.TableColumns;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.fs.Transaction;
import io.duckpond.tinyfs.node.ContentRef;
import io.duckpond.tinyfs.node.EntryType;
import io.duckpond.tinyfs.node.EventTimeRange;
import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tlogfs.oplog.OplogSchema;
import io.duckpond.tlogfs.parquet.ParquetInspector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Copies host files into the pond inside one transaction: every source lands, or none does. Content is streamed
 * (memory does not depend on size); content identical to the destination's latest version is skipped unless forced.
 */
public final class CopyIn {

    /** What the user asked the copied files to be. */
    public enum Format {
        AUTO, DATA, TABLE, SERIES, PARQUET;

        Optional<EntryType> type() {
            return this == AUTO ? Optional.empty() : PondUrl.implied(PondUrl.Scheme.valueOf(name()));
        }
    }

    /** Whether identical content is written again. */
    public enum Repeat {
        SKIP_IDENTICAL,
        FORCE
    }

    /** Whether host directories are copied with their contents. */
    public enum Recursion {
        FILES_ONLY,
        RECURSIVE
    }

    /**
     * One source: a host file or directory, or standard input.
     *
     * @param conversion the format to convert from (to a Parquet table or series version), for CSV and JSON
     */
    private record Source(String shown, Optional<Path> path, Optional<EntryType> type,
            Optional<PondRelations.Reading> conversion) {
        boolean isStdin() {
            return path.isEmpty();
        }
    }

    /** What a copy did. */
    public record Result(int written, int unchanged, long bytes) {}

    private final CliContext context;
    private final Pond pond;
    private final Format format;
    private final Repeat repeat;
    private final Recursion recursion;
    private final Optional<String> timestampColumn;
    private final Optional<Character> delimiter;
    private final ZoneId timezone;
    private final ParquetInspector inspector;
    private final java.util.Map<PondPath, String> targets = new java.util.HashMap<>();
    private int written;
    private int unchanged;
    private long bytes;

    /** How CSV and JSON sources are read. */
    public record Reading(Optional<Character> delimiter, ZoneId timezone) {}

    public CopyIn(CliContext context, Pond pond, Format format, Repeat repeat, Recursion recursion,
            Optional<String> timestampColumn, Reading reading) {
        this.context = context;
        this.pond = pond;
        this.format = format;
        this.repeat = repeat;
        this.recursion = recursion;
        this.timestampColumn = timestampColumn;
        this.delimiter = reading.delimiter();
        this.timezone = reading.timezone();
        this.inspector = new ParquetInspector(pond.duck());
    }

    /** Copies every source to {@code destination} within {@code tx}. */
    public Result copy(Transaction tx, List<String> sources, String destination) {
        List<Source> parsed = sources.stream().map(this::source).toList();
        PondPath dest = PondPath.parse(destination);
        Optional<Node> existing = tx.find(dest, Links.FOLLOW);
        boolean intoDirectory = existing.isPresent() && existing.get().isDirectory();
        boolean needsDirectory = parsed.size() > 1 || destination.endsWith("/");
        if (needsDirectory && !intoDirectory) {
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Not a directory", dest + " (copying several sources needs "
                    + "an existing directory as DEST)", "create it with 'pond mkdir " + dest + "'");
        }
        for (Source source : parsed) {
            if (source.isStdin()) {
                if (intoDirectory) {
                    throw Errors.of(Problem.Kind.USAGE, "Standard input has no name", dest + " is a directory",
                            "give the file path to create, e.g. " + dest.child("input.bin"));
                }
                copyStdin(tx, dest, source);
            } else if (Files.isDirectory(source.path().get())) {
                if (recursion != Recursion.RECURSIVE) {
                    throw Errors.of(Problem.Kind.INVALID_INPUT, "Is a directory", source.shown(), "use -r to copy it");
                }
                PondPath top = intoDirectory ? dest.child(source.path().get().getFileName().toString()) : dest;
                copyTree(tx, source, top);
            } else {
                PondPath target = intoDirectory ? dest.child(source.path().get().getFileName().toString()) : dest;
                copyFile(tx, source, source.path().get(), target);
            }
        }
        return new Result(written, unchanged, bytes);
    }

    private Source source(String text) {
        if (text.equals("-")) {
            return new Source("standard input", Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<PondUrl> url = PondUrl.parse(text);
        if (url.isEmpty()) {
            return new Source(text, Optional.of(context.hostPath(text)), Optional.empty(), Optional.empty());
        }
        PondUrl u = url.get();
        if (!u.isHost()) {
            throw Errors.of(Problem.Kind.USAGE, "Unsupported source", text + " is a pond path",
                    "copy from host files: a plain path or host:///path");
        }
        Optional<PondRelations.Reading> conversion = Optional.empty();
        if (u.scheme() == PondUrl.Scheme.CSV || u.scheme() == PondUrl.Scheme.JSON || u.scheme() == PondUrl.Scheme.NDJSON) {
            conversion = Optional.of(new PondRelations.Reading(SourceFormat.valueOf(u.scheme().name()),
                    u.compression().map(c -> SourceFormat.Compression.valueOf(c.name()))
                            .orElse(SourceFormat.Compression.NONE)));
        } else if (u.compression().isPresent()) {
            throw Errors.of(Problem.Kind.USAGE, "Unsupported source", text + ": compression applies to csv, json "
                    + "and ndjson sources", "name the format, e.g. host+csv+gzip:///path");
        }
        return new Source(text, Optional.of(Path.of(u.path())), u.type(), conversion);
    }

    private void copyTree(Transaction tx, Source source, PondPath top) {
        Path root = source.path().get();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            all = walk.sorted().toList();
        } catch (java.io.UncheckedIOException e) {
            throw Errors.io("read", root, e.getCause());
        } catch (IOException e) {
            throw Errors.io("read", root, e);
        }
        for (Path p : all) {
            PondPath target = top;
            for (Path part : root.relativize(p)) {
                if (!part.toString().isEmpty()) {
                    target = target.child(part.toString());
                }
            }
            if (Files.isDirectory(p)) {
                tx.mkdirs(target);
            } else {
                copyFile(tx, new Source(p.toString(), Optional.of(p), source.type(), source.conversion()), p, target);
            }
        }
    }

    private void copyStdin(Transaction tx, PondPath target, Source source) {
        EntryType type = typeFor(tx, target, source, EntryType.FILE_DATA);
        if (!type.isTabular()) {
            write(tx, target, type, context.in(), Optional.empty(), Map.of());
            return;
        }
        // Parquet is checked and inspected on disk, so standard input is spooled to a temp file first.
        Path spool = null;
        try {
            spool = Files.createTempFile("pond-stdin-", ".parquet");
            Files.copy(context.in(), spool, StandardCopyOption.REPLACE_EXISTING);
            copyFile(tx, source, spool, target);
        } catch (IOException e) {
            throw Errors.io("read", "standard input", e);
        } finally {
            deleteQuietly(spool);
        }
    }

    private void copyFile(Transaction tx, Source source, Path file, PondPath target) {
        claim(target, typeFor(tx, target, source, source.conversion().isPresent() ? EntryType.FILE_TABLE
                : EntryType.FILE_DATA), source.shown());
        if (source.conversion().isPresent()) {
            convertThenCopy(tx, source, file, target);
            return;
        }
        EntryType type = typeFor(tx, target, source, EntryType.FILE_DATA);
        Optional<EventTimeRange> eventTime = Optional.empty();
        Map<String, String> attributes = new HashMap<>();
        try {
            if (type.isTabular()) {
                ParquetInspector.requireParquet(file, source.shown());
                attributes.putAll(TableColumns.attributes(inspector.columns(file)));
            }
            if (type == EntryType.FILE_SERIES) {
                String ts = inspector.timestampColumn(file, source.shown(), timestampColumn);
                attributes.put(OplogSchema.TIMESTAMP_COLUMN_ATTRIBUTE, ts);
                eventTime = inspector.eventTimeRange(file, source.shown(), ts);
            }
            try (InputStream in = Files.newInputStream(file)) {
                write(tx, target, type, in, eventTime, attributes);
            }
        } catch (NoSuchFileException e) {
            throw Errors.of(Problem.Kind.NOT_FOUND, "No such file", source.shown(), "check the path");
        } catch (IOException e) {
            throw Errors.io("read", source.shown(), e);
        }
    }

    /** CSV or JSON becomes a Parquet file first (all rows or an error naming the line); that file is what is stored. */
    private void convertThenCopy(Transaction tx, Source source, Path file, PondPath target) {
        EntryType type = typeFor(tx, target, source, EntryType.FILE_TABLE);
        if (!type.isTabular()) {
            throw Errors.of(Problem.Kind.USAGE, "Conversion makes a table", source.shown() + " would become "
                    + type.label(), "copy it as bytes with host:///path, or into a table or series");
        }
        if (!Files.isRegularFile(file)) {
            throw Errors.of(Problem.Kind.NOT_FOUND, "No such file", source.shown(), "check the path");
        }
        Path converted = null;
        try {
            converted = Files.createTempFile("pond-convert-", ".parquet");
            PondRelations.Reading reading = source.conversion().get();
            new Conversion(pond.duck()).toParquet(file, source.shown(), reading.format(), reading.compression(),
                    delimiter, timezone, converted);
            copyFile(tx, new Source(source.shown(), Optional.of(converted), Optional.of(type), Optional.empty()),
                    converted, target);
        } catch (IOException e) {
            throw Errors.io("convert", source.shown(), e);
        } finally {
            deleteQuietly(converted);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file; the OS cleans its temp directory
            }
        }
    }

    /** Two sources landing on one file would silently become two versions of it; only a series grows that way. */
    private void claim(PondPath target, EntryType type, String source) {
        String earlier = targets.putIfAbsent(target, source);
        if (earlier != null && !earlier.equals(source) && type != EntryType.FILE_SERIES) {
            throw Errors.of(Problem.Kind.INVALID_INPUT, "Two sources land on one file", target + " (from " + earlier
                    + " and " + source + ")", "copy them to different names, or one at a time to make versions");
        }
    }

    private void write(Transaction tx, PondPath target, EntryType type, InputStream in, Optional<EventTimeRange> eventTime,
            Map<String, String> attributes) {
        ContentRef content;
        try {
            content = tx.stage(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<Node> existing = tx.find(target, Links.FOLLOW).filter(n -> !n.isDirectory());
        if (existing.isPresent() && repeat == Repeat.SKIP_IDENTICAL
                && existing.get().entry().summary().sha256().equals(content.sha256())) {
            context.note("Unchanged: " + target + " already holds this content (version "
                    + existing.get().entry().summary().version() + "); use --force to write it again");
            unchanged++;
            return;
        }
        tx.write(target, type, content, eventTime, attributes);
        written++;
        bytes += content.size();
        if (context.isTerminal()) {
            context.err().print("\rcopied " + written + " file(s) ");
            context.err().flush();
        }
    }

    /** {@code --format} if given, else the URL's type, else what the destination already is, else the fallback. */
    private EntryType typeFor(Transaction tx, PondPath target, Source source, EntryType fallback) {
        Optional<EntryType> requested = format.type().or(source::type);
        Optional<EntryType> existing = tx.find(target, Links.FOLLOW).filter(n -> !n.isDirectory()).map(Node::type);
        if (requested.isPresent() && existing.isPresent() && requested.get() != existing.get()) {
            throw Errors.entryTypeChange(target, existing.get(), requested.get());
        }
        return requested.or(() -> existing).orElse(fallback);
    }
}
