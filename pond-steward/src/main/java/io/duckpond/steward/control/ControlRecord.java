package io.duckpond.steward.control;

import java.util.List;
import java.util.Optional;

/**
 * One write command as the control table records it.
 *
 * @param txnSeq  the transaction it committed; empty for a failed attempt
 * @param message the error of a failed attempt, or a note such as "recorded by pond recover"
 */
public record ControlRecord(
        Optional<Long> txnSeq,
        List<String> command,
        Outcome outcome,
        String user,
        String host,
        long pid,
        long startedMicros,
        long endedMicros,
        String pondId,
        Optional<String> message) {

    /** How a write command ended. */
    public enum Outcome {
        COMMITTED("committed"),
        FAILED("failed");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Outcome fromLabel(String label) {
            return label.equals("failed") ? FAILED : COMMITTED;
        }
    }

    public ControlRecord {
        command = List.copyOf(command);
    }
}
