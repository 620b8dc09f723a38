package io.duckpond.cli.command;

import io.duckpond.steward.Pond;
import io.duckpond.steward.Written;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.fs.GlobMatch;
import io.duckpond.tinyfs.fs.Hidden;
import io.duckpond.tinyfs.fs.Transaction;
import io.duckpond.tinyfs.glob.Glob;
import io.duckpond.tinyfs.path.PondPath;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Remove files, symlinks or directories, all in one transaction.",
            "History stays: 'pond cat --at-txn N' still reads what was removed."},
        footer = {"", "Examples:", "  pond rm /old.csv", "  pond rm -r /scratch", "  pond rm '/sensors/*.tmp'"})
final class RmCommand extends PondSubcommand {

    @Option(names = {"-r", "--recursive"}, description = "Remove directories and everything below them.")
    boolean recursive;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Paths or glob patterns to remove.")
    List<String> paths;

    @Override
    void execute() {
        Pond pond = pond();
        Written<List<PondPath>> written = write(pond, tx -> {
            List<PondPath> removed = new ArrayList<>();
            for (String pattern : paths) {
                for (PondPath path : targets(tx, pattern)) {
                    if (recursive) {
                        tx.removeRecursively(path);
                    } else {
                        tx.remove(path);
                    }
                    removed.add(path);
                }
            }
            return removed;
        });
        Transactions.report(context(), written, "removed " + written.result().size() + " entr"
                + (written.result().size() == 1 ? "y" : "ies"));
    }

    /**
     * A path that exists names itself (never its entries, whatever characters its name holds, and a trailing '/'
     * changes nothing); otherwise a pattern with wildcards names every match.
     */
    private static List<PondPath> targets(Transaction tx, String pattern) {
        if (tx.exact(pattern).isPresent()) {
            return List.of(PondPath.parse(pattern));
        }
        Glob glob = Glob.parse(pattern);
        if (glob.isLiteral()) {
            return List.of(PondPath.parse(pattern));
        }
        List<GlobMatch> matches = tx.glob(glob, Hidden.SKIP);
        if (matches.isEmpty()) {
            throw Errors.notFound(pattern + " (no match)");
        }
        return matches.stream().map(m -> m.node().path()).toList();
    }
}
