package io.duckpond.cli.command;

import io.duckpond.cli.CliContext;
import io.duckpond.cli.PondPool;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top of the command tree, holding the options every command shares; {@link Commands} adds the subcommands. */
@Command(name = "pond",
        mixinStandardHelpOptions = true,
        version = "pond 0.1.0",
        description = {"DuckPond: a versioned, transactional small data lake in one directory.", ""},
        footer = {"", "The pond is --pond DIR or $POND. Exit codes: 0 success, 1 failure, 2 usage, 75 pond busy.",
            "Examples:",
            "  pond --pond /srv/pond init",
            "  export POND=/srv/pond; pond copy readings/*.csv /sensors",
            "  pond list -l '/sensors/**'"})
public final class PondCommand implements Runnable {

    final CliContext context;
    final List<String> argv;
    /** Ponds kept open across commands by {@code pond apply}; null when each command opens its own. */
    final PondPool pool;

    @Option(names = "--pond", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "The pond directory (default: $POND).")
    String pond;

    @Option(names = "--wait", scope = ScopeType.INHERIT, paramLabel = "SECONDS",
            description = "How long a write waits for another writer (default: $POND_LOCK_WAIT or 10).")
    Double waitSeconds;

    public PondCommand(CliContext context, String[] args) {
        this(context, args, null);
    }

    public PondCommand(CliContext context, String[] args, PondPool pool) {
        this.context = context;
        this.argv = prepend("pond", args);
        this.pool = pool;
    }

    private static List<String> prepend(String first, String[] rest) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return List.copyOf(all);
    }

    @Override
    public void run() {
        Commands.tree(this, new String[0]).usage(context.out());
    }
}
