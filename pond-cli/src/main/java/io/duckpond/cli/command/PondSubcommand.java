package io.duckpond.cli.command;

import io.duckpond.cli.CliContext;
import io.duckpond.cli.ExitCodes;
import io.duckpond.steward.Invocation;
import io.duckpond.steward.Pond;
import io.duckpond.steward.Written;
import io.duckpond.steward.lock.WriterLock;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.fs.Transaction;
import io.duckpond.tlogfs.duck.DuckSession;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ParentCommand;

/** What every subcommand shares: the context, which pond, and how to run a read or a write. */
abstract class PondSubcommand implements Callable<Integer> {

    @ParentCommand
    PondCommand root;

    CliContext context() {
        return root.context;
    }

    /** The pond directory from {@code --pond} or {@code $POND}. */
    Path pondPath() {
        if (root.pond != null) {
            return context().hostPath(root.pond);
        }
        return context().env("POND").map(context()::hostPath).orElseThrow(() -> Errors.of(Problem.Kind.USAGE,
                "No pond given", "neither --pond nor $POND is set", "pass --pond DIR or export POND=DIR"));
    }

    private Pond opened;

    /** The pond this command works on, opened once (and closed after the command, unless a pool keeps it). */
    Pond pond() {
        if (opened == null) {
            opened = root.pool == null ? Pond.open(pondPath()) : root.pool.get(pondPath());
        }
        return opened;
    }

    /**
     * The pond's DuckDB if this command may lock it down for a user query as its last step; empty when a pool keeps
     * the pond open for later commands, which then need it unlocked.
     */
    Optional<DuckSession> duckForLastStep(Pond pond) {
        return root.pool == null ? Optional.of(pond.duck()) : Optional.empty();
    }

    Invocation invocation() {
        return Invocation.current(root.argv);
    }

    Duration lockWait() {
        Double seconds = root.waitSeconds;
        if (seconds == null) {
            String env = context().env("POND_LOCK_WAIT").orElse(null);
            if (env != null) {
                try {
                    seconds = Double.parseDouble(env);
                } catch (NumberFormatException e) {
                    throw Errors.of(Problem.Kind.USAGE, "Invalid POND_LOCK_WAIT", "'" + env + "'", "give seconds");
                }
            }
        }
        if (seconds == null) {
            return WriterLock.DEFAULT_WAIT;
        }
        if (seconds < 0 || seconds.isNaN()) {
            throw Errors.of(Problem.Kind.USAGE, "Invalid wait", seconds + " seconds", "give zero or more seconds");
        }
        return Duration.ofMillis((long) (seconds * 1000));
    }

    /** Runs {@code work} as this command's one transaction and reports what happened on stderr. */
    <T> Written<T> write(Pond pond, Function<Transaction, T> work) {
        Written<T> written = pond.write(invocation(), lockWait(), work);
        written.warnings().forEach(context()::warn);
        return written;
    }

    void warnings(Pond pond) {
        pond.warnings().forEach(context()::warn);
    }

    @Override
    public final Integer call() throws Exception {
        try {
            execute();
            return ExitCodes.OK;
        } finally {
            if (opened != null && root.pool == null) {
                opened.close();
            }
        }
    }

    /** The command's work; failures are exceptions, mapped to exit codes in one place. */
    abstract void execute() throws Exception;
}
