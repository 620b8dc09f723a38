package io.duckpond.steward;

import java.time.Instant;

/** Wall-clock time in microseconds since the epoch, the unit of every time the pond stores. */
public final class Clock {
    private Clock() {}

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
