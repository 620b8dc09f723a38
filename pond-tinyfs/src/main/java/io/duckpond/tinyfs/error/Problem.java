package io.duckpond.tinyfs.error;

import java.util.Optional;

/**
 * What went wrong, in words a user can act on: the problem, its cause, and how to fix it.
 *
 * @param kind    the class of failure; the CLI maps it to an exit code
 * @param problem what could not be done, e.g. {@code "Not a pond"}
 * @param cause   why, or which thing, e.g. {@code "/x"}
 * @param fix     what the user can do about it, if anything
 */
public record Problem(Kind kind, String problem, String cause, Optional<String> fix) {

    /** Classes of failure. */
    public enum Kind {
        /** A path, file or pond that does not exist. */
        NOT_FOUND,
        /** A name that is already taken. */
        ALREADY_EXISTS,
        /** Input the command cannot accept: a bad name, path, type or value. */
        INVALID_INPUT,
        /** A command line that does not parse. */
        USAGE,
        /** Another writer holds the pond. */
        BUSY,
        /** Stored data that does not read back as written. */
        CORRUPT,
        /** A pond written by a newer program. */
        UNSUPPORTED_VERSION,
        /** The operating system refused a read or write. */
        IO_FAILURE
    }

    public Problem {
        if (kind == null || problem == null || cause == null || fix == null) {
            throw new NullPointerException("every part of a Problem is required");
        }
    }

    /** One line: {@code problem: cause (fix)}. */
    public String message() {
        return problem + ": " + cause + fix.map(f -> " (" + f + ")").orElse("");
    }
}
