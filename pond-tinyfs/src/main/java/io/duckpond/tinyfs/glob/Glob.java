package io.duckpond.tinyfs.glob;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.path.PondPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A path pattern: segments of {@code *}, {@code ?}, {@code [abc]}, and {@code **} for any number of directories.
 * A trailing {@code /} means the entries of that directory, so {@code /} is the root's entries. Relative patterns
 * are resolved against a working directory.
 */
public final class Glob {

    /** One step of the pattern. */
    public sealed interface Segment {
        /** A plain name, looked up directly. */
        record Name(String name) implements Segment {}

        /** A name with wildcards. */
        record Wildcard(NamePattern pattern) implements Segment {}

        /** {@code **}: zero or more directories. */
        record AnyDepth() implements Segment {}
    }

    private final String text;
    private final List<Segment> segments;

    private Glob(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    public static Glob parse(String pattern) {
        return parse(pattern, PondPath.ROOT);
    }

    public static Glob parse(String pattern, PondPath workingDirectory) {
        if (pattern.isEmpty()) {
            throw Errors.badGlob(pattern, "it is empty");
        }
        if (pattern.indexOf('\0') >= 0) {
            throw Errors.badGlob(pattern, "it contains a NUL character");
        }
        List<Segment> segments = new ArrayList<>();
        if (!pattern.startsWith("/")) {
            workingDirectory.segments().forEach(s -> segments.add(new Segment.Name(s)));
        }
        String[] parts = pattern.split("/", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!segments.isEmpty() && segments.get(segments.size() - 1) instanceof Segment.Name) {
                    segments.remove(segments.size() - 1);
                } else if (!segments.isEmpty()) {
                    throw Errors.badGlob(pattern, "'..' cannot follow a wildcard");
                }
                continue;
            }
            if (part.equals("**")) {
                if (segments.isEmpty() || !(segments.get(segments.size() - 1) instanceof Segment.AnyDepth)) {
                    segments.add(new Segment.AnyDepth());
                }
                continue;
            }
            if (part.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\')) {
                PondPath.checkName(part);
                segments.add(new Segment.Name(part));
                continue;
            }
            NamePattern compiled = NamePattern.compile(part, pattern);
            if (compiled.isLiteral()) {
                String name = compiled.literalName();
                PondPath.checkName(name);
                segments.add(new Segment.Name(name));
            } else {
                segments.add(new Segment.Wildcard(compiled));
            }
        }
        if (pattern.endsWith("/")) {
            segments.add(new Segment.Wildcard(NamePattern.compile("*", pattern)));
        }
        return new Glob(pattern, segments);
    }

    public List<Segment> segments() {
        return segments;
    }

    /** Whether the pattern names exactly one path (no wildcard anywhere). */
    public boolean isLiteral() {
        return segments.stream().allMatch(s -> s instanceof Segment.Name);
    }

    /** The path a literal pattern names. */
    public Optional<PondPath> literalPath() {
        if (!isLiteral()) {
            return Optional.empty();
        }
        return Optional.of(fixedPrefix());
    }

    /** The directories before the first wildcard: the part of every match that the pattern fixes. */
    public PondPath fixedPrefix() {
        List<String> names = new ArrayList<>();
        for (Segment s : segments) {
            if (!(s instanceof Segment.Name name)) {
                break;
            }
            names.add(name.name());
        }
        return new PondPath(names);
    }

    /**
     * Matches a whole path, independent of any tree: the captures of each wildcard, with {@code **} capturing the
     * directories it spans joined by {@code /}.
     */
    public Optional<List<String>> match(PondPath path) {
        return matchFrom(0, path.segments(), 0);
    }

    private Optional<List<String>> matchFrom(int segment, List<String> names, int at) {
        if (segment == segments.size()) {
            return at == names.size() ? Optional.of(new ArrayList<>()) : Optional.empty();
        }
        Segment s = segments.get(segment);
        if (s instanceof Segment.AnyDepth) {
            for (int end = names.size(); end >= at; end--) {
                Optional<List<String>> rest = matchFrom(segment + 1, names, end);
                if (rest.isPresent()) {
                    List<String> captures = new ArrayList<>();
                    captures.add(String.join("/", names.subList(at, end)));
                    captures.addAll(rest.get());
                    return Optional.of(captures);
                }
            }
            return Optional.empty();
        }
        if (at >= names.size()) {
            return Optional.empty();
        }
        List<String> here;
        if (s instanceof Segment.Name name) {
            if (!name.name().equals(names.get(at))) {
                return Optional.empty();
            }
            here = List.of();
        } else {
            Optional<List<String>> m = ((Segment.Wildcard) s).pattern().match(names.get(at));
            if (m.isEmpty()) {
                return Optional.empty();
            }
            here = m.get();
        }
        Optional<List<String>> rest = matchFrom(segment + 1, names, at + 1);
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        List<String> captures = new ArrayList<>(here);
        captures.addAll(rest.get());
        return Optional.of(captures);
    }

    @Override
    public String toString() {
        return text;
    }
}
