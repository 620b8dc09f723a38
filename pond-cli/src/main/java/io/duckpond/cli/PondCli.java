package io.duckpond.cli;

import io.duckpond.cli.command.Commands;
import io.duckpond.cli.command.PondCommand;
import io.duckpond.tinyfs.error.PondException;
import io.duckpond.tlogfs.duck.DuckSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** The {@code pond} program: parses the command line, runs the command, maps every failure to an exit code. */
public final class PondCli {
    private PondCli() {}

    public static void main(String[] args) {
        DuckSession.openEarly();
        CliContext context = CliContext.system();
        int code = run(context, args);
        context.out().flush();
        System.exit(code);
    }

    /** Runs one command line; used by {@link #main}, by tests, and by the demo. */
    public static int run(CliContext context, String... args) {
        return run(context, null, args);
    }

    /** Runs one command line with ponds kept open in {@code pool} (null: the command opens its own). */
    public static int run(CliContext context, PondPool pool, String... args) {
        CommandLine line = commandLine(context, pool, args);
        int code = line.execute(args);
        context.out().flush();
        // PrintStream swallows write errors; a full disk or a closed pipe must not look like success.
        if (context.out().checkError() && code == ExitCodes.OK) {
            context.err().println("pond: Cannot write the output: standard output failed (disk full, or the reader "
                    + "stopped reading)");
            return ExitCodes.FAILURE;
        }
        return code;
    }

    static CommandLine commandLine(CliContext context, PondPool pool, String[] args) {
        CommandLine line = Commands.tree(new PondCommand(context, args, pool), args);
        line.setOut(new java.io.PrintWriter(context.out(), true));
        line.setErr(new java.io.PrintWriter(context.err(), true));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setParameterExceptionHandler((ex, argv) -> {
            context.err().println("pond: " + ex.getMessage());
            CommandLine failed = ex.getCommandLine();
            context.err().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        line.setExecutionExceptionHandler((ex, cmd, parsed) -> report(context, ex));
        return line;
    }

    /** Prints one failure the way users see every failure: {@code pond: problem: cause (fix)}. */
    static int report(CliContext context, Exception failure) {
        Throwable e = failure;
        if (e instanceof UncheckedIOException unchecked) {
            e = unchecked.getCause();
        }
        if (e instanceof PondException pond) {
            context.err().println("pond: " + pond.getMessage());
            debug(context, pond);
            return ExitCodes.of(pond.kind());
        }
        if (e instanceof IOException io) {
            context.err().println("pond: I/O error: " + io.getMessage());
            debug(context, io);
            return ExitCodes.FAILURE;
        }
        context.err().println("pond: internal error: " + e + " (please report it; set POND_DEBUG=1 for details)");
        debug(context, e);
        return ExitCodes.FAILURE;
    }

    private static void debug(CliContext context, Throwable e) {
        if (context.env("POND_DEBUG").isPresent()) {
            e.printStackTrace(context.err());
        }
    }
}
