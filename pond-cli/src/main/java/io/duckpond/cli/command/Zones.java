package io.duckpond.cli.command;

import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The {@code --timezone} option: times written without an offset are in this zone (UTC unless given). */
final class Zones {
    private Zones() {}

    static ZoneId parse(String timezone) {
        if (timezone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw Errors.of(Problem.Kind.USAGE, "Unknown time zone", "'" + timezone + "'",
                    "use a region such as Europe/Oslo or an offset such as +02:00");
        }
    }
}
