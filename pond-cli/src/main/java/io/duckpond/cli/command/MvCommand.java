package io.duckpond.cli.command;

import io.duckpond.steward.Pond;
import io.duckpond.steward.Written;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.path.PondPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "mv", mixinStandardHelpOptions = true,
        description = {"Move or rename a file, symlink or directory in one transaction.",
            "If DEST is an existing directory, SOURCE moves into it under its own name."},
        footer = {"", "Examples:", "  pond mv /inbox/t.csv /sensors/temperature.csv", "  pond mv /inbox/t.csv /sensors"})
final class MvCommand extends PondSubcommand {

    @Parameters(index = "0", paramLabel = "SOURCE")
    String source;

    @Parameters(index = "1", paramLabel = "DEST")
    String destination;

    @Override
    void execute() {
        Pond pond = pond();
        Written<Node> written = write(pond, tx -> {
            if (destination.endsWith("/") && !tx.find(PondPath.parse(destination), Links.FOLLOW)
                    .map(Node::isDirectory).orElse(false)) {
                // A trailing '/' says DEST is a directory to move into; never rename to that name.
                throw Errors.notADirectory(destination);
            }
            return tx.rename(PondPath.parse(source), PondPath.parse(destination));
        });
        Transactions.report(context(), written, "moved " + source + " to " + written.result().path());
    }
}
