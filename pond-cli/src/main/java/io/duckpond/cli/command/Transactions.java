package io.duckpond.cli.command;

import io.duckpond.cli.CliContext;
import io.duckpond.steward.Written;

/** The one line a write command prints on stderr when it ends. */
final class Transactions {
    private Transactions() {}

    static void report(CliContext context, Written<?> written, String what) {
        if (written.txnSeq().isPresent()) {
            context.note(capitalized(what) + " in transaction " + written.txnSeq().get() + ".");
        } else {
            context.note("Nothing changed; no transaction was made.");
        }
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
