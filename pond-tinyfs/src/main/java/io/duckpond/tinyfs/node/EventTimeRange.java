package io.duckpond.tinyfs.node;

/** The smallest and largest event time in one version of a series, in microseconds since the epoch (UTC). */
public record EventTimeRange(long minMicros, long maxMicros) {
    public EventTimeRange {
        if (minMicros > maxMicros) {
            throw new IllegalArgumentException("min " + minMicros + " is after max " + maxMicros);
        }
    }

    /** Whether this range meets {@code [startMicros, endMicros]} (both inclusive). */
    public boolean overlaps(long startMicros, long endMicros) {
        return minMicros <= endMicros && maxMicros >= startMicros;
    }
}
