package io.duckpond.tinyfs.error;

import io.duckpond.tinyfs.error.Problem.Kind;
import java.util.Optional;

/**
 * The one place that words user-facing errors: each says what went wrong, why, and what to do. Every module builds its
 * {@link PondException}s here so that messages stay consistent and the CLI can map {@link Kind}s to exit codes.
 */
public final class Errors {
    private Errors() {}

    public static PondException of(Kind kind, String problem, String cause, String fix) {
        return of(kind, problem, cause, fix, null);
    }

    /** The cause is made printable: a name holding a newline or a terminal escape cannot break or forge a message. */
    public static PondException of(Kind kind, String problem, String cause, String fix, Throwable underlying) {
        return new PondException(new Problem(kind, problem, printable(cause),
                Optional.ofNullable(fix).map(Errors::printable)), underlying);
    }

    // --- paths and names -------------------------------------------------------------------------------------

    public static PondException invalidName(String name, String reason) {
        String shown = name.length() > 60 ? name.substring(0, 60) + "… (" + name.length() + " characters)" : name;
        return of(Kind.INVALID_INPUT, "Invalid name", "'" + printable(shown) + "': " + reason, "choose another name");
    }

    public static PondException invalidPath(String path, String reason) {
        return of(Kind.INVALID_INPUT, "Invalid path", "'" + printable(path) + "': " + reason, null);
    }

    public static PondException notFound(Object path) {
        return of(Kind.NOT_FOUND, "No such file or directory", path.toString(), "check the path with 'pond list'");
    }

    public static PondException notFoundAt(Object path, long txnSeq) {
        return of(Kind.NOT_FOUND, "No such file or directory", path + " as of transaction " + txnSeq,
                "check the transaction numbers with 'pond log'");
    }

    public static PondException notADirectory(Object path) {
        return of(Kind.INVALID_INPUT, "Not a directory", path.toString(), null);
    }

    public static PondException isADirectory(Object path) {
        return of(Kind.INVALID_INPUT, "Is a directory", path.toString(), "name a file, or use 'pond list " + path + "'");
    }

    public static PondException alreadyExists(Object path) {
        return of(Kind.ALREADY_EXISTS, "Already exists", path.toString(), "choose another name or remove it first");
    }

    public static PondException directoryNotEmpty(Object path) {
        return of(Kind.INVALID_INPUT, "Directory not empty", path.toString(), "use 'pond rm -r' to remove it with its contents");
    }

    public static PondException cannotRemoveRoot() {
        return of(Kind.INVALID_INPUT, "Cannot remove", "the root directory", null);
    }

    public static PondException moveIntoItself(Object source, Object destination) {
        return of(Kind.INVALID_INPUT, "Cannot move a directory into itself", source + " -> " + destination, null);
    }

    public static PondException tooManyLinks(Object path, int limit) {
        return of(Kind.INVALID_INPUT, "Too many levels of symbolic links", path + " (more than " + limit + " hops, or a loop)",
                "fix the link with 'pond rm' and re-create it");
    }

    public static PondException entryTypeChange(Object path, Object existing, Object requested) {
        return of(Kind.INVALID_INPUT, "Entry type cannot change", path + " is " + existing + ", not " + requested,
                "copy to a new name, or drop --format to keep " + existing);
    }

    public static PondException notAFile(Object path, Object type) {
        return of(Kind.INVALID_INPUT, "Not a file", path + " is a " + type, null);
    }

    public static PondException badGlob(String pattern, String reason) {
        String shown = pattern.length() > 60 ? pattern.substring(0, 60) + "… (" + pattern.length() + " characters)"
                : pattern;
        return of(Kind.INVALID_INPUT, "Invalid pattern", "'" + shown + "': " + reason, null);
    }

    public static PondException tooManyMatches(String pattern, int limit) {
        return of(Kind.INVALID_INPUT, "Pattern matches too much", "'" + pattern + "' matches more than " + limit + " entries",
                "narrow the pattern");
    }

    // --- stored data -----------------------------------------------------------------------------------------

    public static PondException corrupt(String what, String detail) {
        return corrupt(what, detail, null);
    }

    public static PondException corrupt(String what, String detail, Throwable underlying) {
        return of(Kind.CORRUPT, "Corrupt pond data", what + ": " + firstLine(detail),
                "run 'pond fsck' for a full report; damaged content comes back only from a copy of the pond", underlying);
    }

    private static final java.util.regex.Pattern EMBEDDED_MESSAGE =
            java.util.regex.Pattern.compile("\"exception_message\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * The first line of a message from a library: DuckDB's messages run on with the SQL they were given, and some
     * carry the real reason as JSON ({@code "exception_message":"..."}), which is taken out.
     */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        java.util.regex.Matcher embedded = EMBEDDED_MESSAGE.matcher(message);
        if (embedded.find()) {
            return embedded.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return message.lines().filter(l -> !l.isBlank()).findFirst().orElse(message).trim();
    }

    public static PondException io(String action, Object path, Throwable underlying) {
        String reason = reason(underlying);
        return of(Kind.IO_FAILURE, "Cannot " + action, path + ": " + reason, null, underlying);
    }

    /** What the operating system said, in words: a file-system exception's message is often only the path. */
    private static String reason(Throwable e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
    }

    /** Control characters and invalid text shown as escapes, so that error messages stay on one line. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0xD800 && c <= 0xDFFF)) {
                out.append(String.format("\\x%02x", c & 0xffff));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
