package io.duckpond.cli.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The command tree, built with only the subcommand a command line names: picocli reads every command's annotations
 * by reflection when it is added, and doing that for all of them is a large share of a cold start (cron runs one
 * command per process). Help, and a command line that names no known command, get the whole tree.
 */
public final class Commands {
    private Commands() {}

    /** Each subcommand by its name, in the order of {@code pond --help}. */
    private static final Map<String, Supplier<Object>> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, String> ALIASES = Map.of("ls", "list", "cp", "copy");

    static {
        BY_NAME.put("init", InitCommand::new);
        BY_NAME.put("mkdir", MkdirCommand::new);
        BY_NAME.put("copy", CopyCommand::new);
        BY_NAME.put("list", ListCommand::new);
        BY_NAME.put("cat", CatCommand::new);
        BY_NAME.put("describe", DescribeCommand::new);
        BY_NAME.put("query", QueryCommand::new);
        BY_NAME.put("rm", RmCommand::new);
        BY_NAME.put("mv", MvCommand::new);
        BY_NAME.put("log", LogCommand::new);
        BY_NAME.put("show", ShowCommand::new);
        BY_NAME.put("status", StatusCommand::new);
        BY_NAME.put("recover", RecoverCommand::new);
        BY_NAME.put("fsck", FsckCommand::new);
        BY_NAME.put("maintain", MaintainCommand::new);
        BY_NAME.put("apply", ApplyCommand::new);
        BY_NAME.put("demo", DemoCommand::new);
    }

    /** Options of {@code pond} itself that take a value, so that value is not mistaken for the command's name. */
    private static final Set<String> TOP_OPTIONS_WITH_VALUE = Set.of("--pond", "--wait");

    /** The tree for {@code args}: {@code pond} with the one subcommand they name, or with all of them. */
    public static CommandLine tree(PondCommand top, String[] args) {
        CommandLine line = new CommandLine(top);
        String named = commandName(args);
        if (named == null) {
            BY_NAME.values().forEach(command -> line.addSubcommand(command.get()));
        } else {
            line.addSubcommand(BY_NAME.get(named).get());
        }
        return line;
    }

    /** The names of all subcommands. */
    static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    private static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (TOP_OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                String name = ALIASES.getOrDefault(arg, arg);
                return BY_NAME.containsKey(name) ? name : null;
            }
        }
        return null;
    }
}
