package io.duckpond.cli.command;

import io.duckpond.steward.Pond;
import io.duckpond.steward.Written;
import io.duckpond.tinyfs.path.PondPath;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mkdir", mixinStandardHelpOptions = true,
        description = "Create directories, all in one transaction.",
        footer = {"", "Examples:", "  pond mkdir /sensors", "  pond mkdir -p /sites/north/pumps /sites/south"})
final class MkdirCommand extends PondSubcommand {

    @Option(names = {"-p", "--parents"}, description = "Create missing parents; existing directories are fine.")
    boolean parents;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Directories to create.")
    List<String> paths;

    @Override
    void execute() {
        Pond pond = pond();
        Written<Void> written = write(pond, tx -> {
            for (String path : paths) {
                PondPath p = PondPath.parse(path);
                if (parents) {
                    tx.mkdirs(p);
                } else {
                    tx.mkdir(p);
                }
            }
            return null;
        });
        Transactions.report(context(), written, "created " + String.join(", ", paths));
    }
}
