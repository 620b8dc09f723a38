package io.duckpond.cli.command;

import io.duckpond.cli.output.Format;
import io.duckpond.tinyfs.fs.Hidden;
import picocli.CommandLine.Option;

/** The options of commands that list entries: hidden names and output format. */
final class ListingOptions {

    @Option(names = {"-a", "--all"}, description = "Include names that start with '.'.")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json or jsonl.")
    Format format = Format.TABLE;

    Hidden hidden() {
        return all ? Hidden.INCLUDE : Hidden.SKIP;
    }
}
