package io.duckpond.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.cli.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private CommandLine tree(String... args) {
        CliContext context = new CliContext(InputStream.nullInputStream(), new PrintStream(out, true), System.err,
                Map.of(), Path.of("/"), CliContext.Terminal.NONE);
        return Commands.tree(new PondCommand(context, args), args);
    }

    @Test
    void everyCommandIsRegisteredUnderTheNameItsAnnotationGives() {
        for (String name : Commands.names()) {
            CommandLine line = tree(name, "--help");
            assertThat(line.getSubcommands()).containsKey(name);
            assertThat(line.getSubcommands().get(name).getCommandSpec().name()).isEqualTo(name);
        }
    }

    @Test
    void aCommandLineGetsOnlyTheCommandItNames() {
        assertThat(tree("--pond", "/p", "list", "-l", "/").getSubcommands().values())
                .extracting(c -> c.getCommandSpec().name()).containsOnly("list");
    }

    @Test
    void anAliasSelectsItsCommand() {
        assertThat(tree("ls", "/").getSubcommands()).containsKeys("list", "ls");
        assertThat(tree("cp", "a", "/").getSubcommands()).containsKeys("copy", "cp");
    }

    @Test
    void theValueOfPondOrWaitIsNotTakenForTheCommand() {
        assertThat(tree("--pond", "cat", "--wait", "3", "mkdir", "/a").getSubcommands().values())
                .extracting(c -> c.getCommandSpec().name()).containsOnly("mkdir");
    }

    @Test
    void helpAndUnknownCommandsGetEveryCommand() {
        assertThat(tree("--help").getSubcommands().keySet()).containsAll(Commands.names());
        assertThat(tree("lsit").getSubcommands().keySet()).containsAll(Commands.names());
        assertThat(tree().getSubcommands().keySet()).containsAll(Commands.names());
    }

    @Test
    void pondWithoutACommandPrintsUsageNamingEveryCommand() {
        CommandLine line = tree();
        assertThat(line.execute()).isZero();
        String usage = out.toString(StandardCharsets.UTF_8);
        for (String name : Commands.names()) {
            assertThat(usage).contains("  " + name);
        }
    }
}
