package io.duckpond.tinyfs.arrow;

import java.time.Instant;
import org.apache.arrow.vector.types.TimeUnit;

/** Instants to and from Arrow's timestamp values in each unit. */
final class Timestamps {
    private Timestamps() {}

    static long fromInstant(Instant instant, TimeUnit unit) {
        switch (unit) {
            case SECOND:
                return instant.getEpochSecond();
            case MILLISECOND:
                return instant.toEpochMilli();
            case MICROSECOND:
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
            default:
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
    }

    static Instant toInstant(long value, TimeUnit unit) {
        switch (unit) {
            case SECOND:
                return Instant.ofEpochSecond(value);
            case MILLISECOND:
                return Instant.ofEpochMilli(value);
            case MICROSECOND:
                return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
            default:
                return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
        }
    }
}
