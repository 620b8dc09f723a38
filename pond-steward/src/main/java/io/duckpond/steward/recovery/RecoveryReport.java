package io.duckpond.steward.recovery;

/** What {@code pond recover} did. */
public record RecoveryReport(
        int controlRecordsCompleted,
        int temporaryFilesRemoved,
        int dataFilesRemoved,
        int controlFilesRemoved,
        int largeFilesRemoved) {

    public boolean changedAnything() {
        return controlRecordsCompleted + temporaryFilesRemoved + dataFilesRemoved + controlFilesRemoved
                + largeFilesRemoved > 0;
    }
}
