package io.duckpond.cli.command;

import io.duckpond.cli.CliContext;
import io.duckpond.query.input.TimeWindow;
import io.duckpond.query.output.ResultFormat;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of commands that print query results: time window, time zone and output format. */
final class QueryOptions {

    @Option(names = "--time-start", paramLabel = "TIME",
            description = "Only rows at or after TIME (epoch milliseconds or ISO-8601); series versions that end "
                    + "before it are not read.")
    String timeStart;

    @Option(names = "--time-end", paramLabel = "TIME", description = "Only rows at or before TIME (inclusive).")
    String timeEnd;

    @Option(names = "--timezone", paramLabel = "ZONE",
            description = "Zone for times written without an offset (default UTC), e.g. Europe/Oslo.")
    String timezone;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table, csv, json, jsonl or parquet (default: table on a terminal, parquet into a pipe).")
    String format;

    TimeWindow window() {
        return TimeWindow.parse(Optional.ofNullable(timeStart), Optional.ofNullable(timeEnd), Zones.parse(timezone));
    }

    /** The result format asked for, or the default for where stdout goes. */
    ResultFormat resultFormat(CliContext context, Optional<String> requested) {
        Optional<String> asked = requested.or(() -> Optional.ofNullable(format));
        if (asked.isEmpty()) {
            return context.isTerminal() ? ResultFormat.TABLE : ResultFormat.PARQUET;
        }
        try {
            return ResultFormat.valueOf(asked.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Errors.of(Problem.Kind.USAGE, "Unknown format", "'" + asked.get() + "'",
                    "use table, csv, json, jsonl or parquet");
        }
    }
}
