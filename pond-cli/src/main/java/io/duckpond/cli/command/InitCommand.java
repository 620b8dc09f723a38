package io.duckpond.cli.command;

import io.duckpond.steward.Pond;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a new, empty pond (transaction 0) in a new or empty directory.",
        footer = {"", "Examples:", "  pond --pond /srv/pond init", "  POND=./pond pond init --birthplace 'pump station 4'"})
final class InitCommand extends PondSubcommand {

    @Option(names = "--birthplace", paramLabel = "LABEL",
            description = "Where this pond was made, recorded forever (default: host:path).")
    String birthplace;

    @Override
    void execute() {
        try (Pond pond = Pond.init(pondPath(), invocation(), Optional.ofNullable(birthplace))) {
            context().note("Created pond " + pond.layout().root() + " (id " + pond.id() + ")");
        }
    }
}
