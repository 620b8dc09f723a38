package io.duckpond.steward.recovery;

/** What {@code pond recover} did. */
public record RecoveryReport(
        int controlRecordsCompleted,
        int temporaryFilesRemoved,
        int dataFilesRemoved,
        int controlFilesRemoved,
        int largeFilesRemoved,
        int cacheFilesRemoved) {

    public boolean changedAnything() {
        return controlRecordsCompleted + temporaryFilesRemoved + dataFilesRemoved + controlFilesRemoved
                + largeFilesRemoved + cacheFilesRemoved > 0;
    }
}
