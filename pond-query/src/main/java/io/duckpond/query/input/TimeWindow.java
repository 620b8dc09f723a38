package io.duckpond.query.input;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.node.EventTimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** An inclusive range of event times in microseconds; either end may be open. */
public record TimeWindow(Optional<Long> startMicros, Optional<Long> endMicros) {

    public static final TimeWindow ALL = new TimeWindow(Optional.empty(), Optional.empty());

    public TimeWindow {
        if (startMicros.isPresent() && endMicros.isPresent() && startMicros.get() > endMicros.get()) {
            throw Errors.of(Problem.Kind.USAGE, "Empty time range", "--time-start is after --time-end",
                    "swap them");
        }
    }

    /** From command-line text: epoch milliseconds or ISO-8601; times without an offset are in {@code zone}. */
    public static TimeWindow parse(Optional<String> start, Optional<String> end, ZoneId zone) {
        return new TimeWindow(start.map(s -> micros(s, zone, "--time-start")), end.map(e -> micros(e, zone, "--time-end")));
    }

    public boolean isAll() {
        return startMicros.isEmpty() && endMicros.isEmpty();
    }

    /** Whether a version with this event-time range can hold rows in the window. */
    public boolean overlaps(EventTimeRange range) {
        return range.overlaps(startMicros.orElse(Long.MIN_VALUE), endMicros.orElse(Long.MAX_VALUE));
    }

    static long micros(String text, ZoneId zone, String option) {
        String t = text.trim();
        if (t.matches("-?\\d+")) {
            return Math.multiplyExact(Long.parseLong(t), 1000L);
        }
        try {
            return toMicros(Instant.parse(t));
        } catch (DateTimeParseException notInstant) {
            // try the next form
        }
        try {
            return toMicros(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException notOffset) {
            // try the next form
        }
        try {
            return toMicros(LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant());
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return toMicros(LocalDate.parse(t).atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException e) {
            throw Errors.of(Problem.Kind.USAGE, "Invalid time", option + " '" + text + "'",
                    "give epoch milliseconds or ISO-8601, e.g. 2026-11-01T00:00:00Z or 2026-11-01");
        }
    }

    private static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
