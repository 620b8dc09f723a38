package io.duckpond.tinyfs.path;

import io.duckpond.tinyfs.error.Errors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An absolute, normalized path inside a pond: no {@code .}, no {@code ..}, no empty segments.
 * Parsing resolves relative paths against a working directory; {@code ..} at the root stays at the root, as in POSIX.
 */
public record PondPath(List<String> segments) implements Comparable<PondPath> {

    /** Longest name, in UTF-8 bytes, as on common POSIX file systems. */
    public static final int MAX_NAME_BYTES = 255;

    public static final PondPath ROOT = new PondPath(List.of());

    public PondPath {
        segments = List.copyOf(segments);
        for (String segment : segments) {
            checkName(segment);
        }
    }

    /** An absolute path; relative input is resolved against the root. An empty argument is refused, not taken as "/". */
    public static PondPath parse(String text) {
        if (text.isEmpty()) {
            throw Errors.invalidPath(text, "it is empty (an unset shell variable?); write / for the root");
        }
        return ROOT.resolve(text);
    }

    /** This path joined with {@code text}: absolute text replaces it, relative text is resolved from it. */
    public PondPath resolve(String text) {
        if (text.indexOf('\0') >= 0) {
            throw Errors.invalidPath(text, "it contains a NUL character");
        }
        List<String> result = new ArrayList<>(text.startsWith("/") ? List.of() : segments);
        for (String part : text.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!result.isEmpty()) {
                    result.remove(result.size() - 1);
                }
                continue;
            }
            result.add(part);
        }
        return new PondPath(result);
    }

    /** This path with one more name at the end. */
    public PondPath child(String name) {
        List<String> result = new ArrayList<>(segments);
        result.add(name);
        return new PondPath(result);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last segment; the root has none. */
    public String name() {
        if (isRoot()) {
            throw new IllegalStateException("the root has no name");
        }
        return segments.get(segments.size() - 1);
    }

    /** The containing directory; the root is its own parent. */
    public PondPath parent() {
        return isRoot() ? this : new PondPath(segments.subList(0, segments.size() - 1));
    }

    /** Whether {@code other} is this path or lies below it. */
    public boolean contains(PondPath other) {
        return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
    }

    /** The segments of {@code descendant} below this path (empty for this path itself). */
    public List<String> relativize(PondPath descendant) {
        if (!contains(descendant)) {
            throw new IllegalArgumentException(descendant + " is not below " + this);
        }
        return descendant.segments.subList(segments.size(), descendant.segments.size());
    }

    /** Throws unless {@code name} can be a directory entry. */
    public static void checkName(String name) {
        if (name.isEmpty()) {
            throw Errors.invalidName(name, "a name cannot be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            throw Errors.invalidName(name, "'.' and '..' are reserved");
        }
        if (name.indexOf('/') >= 0) {
            throw Errors.invalidName(name, "a name cannot contain '/'");
        }
        if (name.indexOf('\0') >= 0) {
            throw Errors.invalidName(name, "a name cannot contain a NUL character");
        }
        if (name.indexOf('\uFFFD') >= 0) {
            throw Errors.invalidName(name, "it is not valid UTF-8 (the system could not decode it)");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw Errors.invalidName(name, "a name is at most " + MAX_NAME_BYTES + " bytes of UTF-8");
        }
    }

    @Override
    public int compareTo(PondPath other) {
        int shared = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < shared; i++) {
            int c = segments.get(i).compareTo(other.segments.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(segments.size(), other.segments.size());
    }

    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
