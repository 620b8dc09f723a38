package io.duckpond.cli.command;

import io.duckpond.cli.content.Contents;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.path.PondPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Write a file's content to stdout, byte for byte.",
            "A series with several versions comes out as one Parquet file of all of them."},
        footer = {"", "Examples:", "  pond cat /notes/readme.txt", "  pond cat --at-txn 3 /sensors/temp.csv > old.csv"})
final class CatCommand extends PondSubcommand {

    @Parameters(index = "0", paramLabel = "PATH")
    String path;

    @Option(names = "--at-txn", paramLabel = "N", description = "Read the file as it was right after transaction N.")
    Long atTxn;

    @Override
    void execute() throws Exception {
        try (Pond pond = openPond()) {
            warnings(pond);
            FileSystemView view = atTxn == null ? pond.read() : pond.readAt(atTxn);
            Node node = view.resolve(PondPath.parse(path), Links.FOLLOW);
            Contents.write(pond, view, node, context().out());
            context().out().flush();
        }
    }
}
