package io.duckpond.cli.command;

import io.duckpond.cli.CliContext;
import io.duckpond.cli.ExitCodes;
import io.duckpond.cli.PondCli;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a short, real session on a new pond.",
            "Prints each command and what it says: init, mkdir, copy (a small CSV and a log file",
            "over 64 KiB), list, cat; a time series of two CSV versions, described and queried with SQL;",
            "the pond's own transactions queried; log, status."},
        footer = {"", "Examples:", "  pond demo              (the pond goes in a new temporary directory, kept)",
            "  pond demo ./demo-pond  (the pond goes there; it must be new or empty)"})
final class DemoCommand extends PondSubcommand {

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Where to make the demo pond.")
    String directory;

    @Override
    void execute() throws Exception {
        CliContext outer = context();
        // Messages go to stdout too, so the transcript reads in order whatever the terminal.
        CliContext context = new CliContext(outer.in(), outer.out(), outer.out(), outer.environment(),
                outer.workingDirectory(), outer.terminal());
        Path pond = directory == null ? Files.createTempDirectory("pond-demo-").resolve("pond")
                : context.hostPath(directory);
        Path inputs = Files.createTempDirectory("pond-demo-inputs-");
        Path readings = inputs.resolve("readings.csv");
        Path log = inputs.resolve("pump-station.log");
        Path week1 = inputs.resolve("flow-week1.csv");
        Path week2 = inputs.resolve("flow-week2.csv");
        Files.writeString(readings, readingsCsv(), StandardCharsets.UTF_8);
        Files.writeString(log, pumpLog(), StandardCharsets.UTF_8);
        Files.writeString(week1, flowCsv(Instant.parse("2026-11-02T00:00:00Z"), 1), StandardCharsets.UTF_8);
        Files.writeString(week2, flowCsv(Instant.parse("2026-11-09T00:00:00Z"), 2), StandardCharsets.UTF_8);
        context.out().println("DuckPond demo: a pond at " + pond);
        context.out().println("Input files: " + readings + " (" + Files.size(readings) + " bytes), " + log + " ("
                + Files.size(log) + " bytes, stored outside the log because it is over 64 KiB)");
        context.out().println();
        String p = pond.toString();
        step(context, "--pond", p, "init", "--birthplace", "demo");
        step(context, "--pond", p, "mkdir", "-p", "/sensors/north", "/logs", "/pumps");
        step(context, "--pond", p, "copy", readings.toString(), "/sensors/north/");
        step(context, "--pond", p, "copy", log.toString(), "/logs/");
        step(context, "--pond", p, "copy", readings.toString(), "/sensors/north/");
        step(context, "--pond", p, "list", "-l", "/**");
        step(context, "--pond", p, "cat", "/sensors/north/readings.csv");
        context.out().println("# A time series grows by versions: each CSV becomes one Parquet version.");
        step(context, "--pond", p, "copy", "host+csv+series://" + week1, "/pumps/flow.series");
        step(context, "--pond", p, "copy", "host+csv+series://" + week2, "/pumps/flow.series");
        step(context, "--pond", p, "describe", "/pumps/flow.series");
        step(context, "--pond", p, "cat", "/pumps/flow.series", "--format", "table", "--sql",
                "SELECT date_trunc('day', timestamp) AS day, round(avg(flow_lps), 2) AS mean_flow, "
                        + "max(pressure_bar) AS max_pressure FROM series GROUP BY 1 ORDER BY 1");
        step(context, "--pond", p, "cat", "/pumps/flow.series", "--format", "csv", "--time-start",
                "2026-11-09T00:00:00Z", "--time-end", "2026-11-09T03:00:00Z");
        step(context, "--pond", p, "query", "--format", "table",
                "SELECT txn_seq, command[4:] AS command FROM pond.transactions ORDER BY txn_seq");
        step(context, "--pond", p, "log", "--limit", "3");
        step(context, "--pond", p, "status");
        for (Path input : List.of(readings, log, week1, week2, inputs)) {
            Files.delete(input);
        }
        context.out().println("Done. Explore it yourself:  export POND=" + p + "; ./pond list '/**'; ./pond show");
    }

    private static void step(CliContext context, String... args) {
        List<String> shown = new ArrayList<>();
        for (String a : args) {
            if (a.contains("'")) {
                shown.add('"' + a.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"');
            } else {
                shown.add(a.contains(" ") || a.contains("*") ? "'" + a + "'" : a);
            }
        }
        context.out().println("$ pond " + String.join(" ", shown.subList(2, shown.size())));
        context.out().flush();
        int code = PondCli.run(context, args);
        context.out().println();
        if (code != ExitCodes.OK) {
            throw Errors.of(Problem.Kind.IO_FAILURE, "Demo stopped", "'pond " + String.join(" ", args)
                    + "' exited with " + code, null);
        }
    }

    /** Half a day of hourly readings from one probe. */
    private static String readingsCsv() {
        StringBuilder csv = new StringBuilder("timestamp,temperature_c,flow_lps\n");
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        Random random = new Random(42);
        for (int hour = 0; hour < 12; hour++) {
            double temperature = 8 + 4 * Math.sin(hour * Math.PI / 12) + random.nextGaussian() * 0.3;
            double flow = 12.5 + random.nextGaussian();
            csv.append(start.plus(hour, ChronoUnit.HOURS)).append(',')
                    .append(String.format(Locale.ROOT, "%.2f,%.2f%n", temperature, flow));
        }
        return csv.toString();
    }

    /** A week of hourly pump readings; the second week adds a pressure column (the series' schema evolves). */
    private static String flowCsv(Instant start, int week) {
        StringBuilder csv = new StringBuilder(week == 1 ? "timestamp,flow_lps\n" : "timestamp,flow_lps,pressure_bar\n");
        Random random = new Random(week);
        for (int hour = 0; hour < 7 * 24; hour++) {
            csv.append(start.plus(hour, ChronoUnit.HOURS).toString().replace('T', ' ').replace("Z", ""))
                    .append(String.format(Locale.ROOT, ",%.2f", 12 + 3 * Math.sin(hour * Math.PI / 12) + random.nextGaussian()));
            if (week > 1) {
                csv.append(String.format(Locale.ROOT, ",%.2f", 3.5 + random.nextGaussian() * 0.2));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** A pump controller's log: about 120 KiB of text. */
    private static String pumpLog() {
        StringBuilder log = new StringBuilder();
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        String[] events = {"pump 1 started", "pump 1 stopped", "pressure nominal", "valve 3 opened",
            "valve 3 closed", "tank level 78%", "flow sensor heartbeat"};
        Random random = new Random(7);
        for (int i = 0; log.length() < 120 * 1024; i++) {
            log.append(start.plusSeconds(i * 37L)).append(" INFO ").append(events[random.nextInt(events.length)])
                    .append('\n');
        }
        return log.toString();
    }

}
