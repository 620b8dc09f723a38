package io.duckpond.cli;

import io.duckpond.tinyfs.error.Problem;

/** The one mapping from kinds of failure to process exit codes (sysexits-style 75 for a busy pond). */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /** EX_TEMPFAIL: another writer holds the pond; trying again later can succeed. */
    public static final int BUSY = 75;

    public static int of(Problem.Kind kind) {
        switch (kind) {
            case USAGE:
                return USAGE;
            case BUSY:
                return BUSY;
            default:
                return FAILURE;
        }
    }
}
