package io.duckpond.steward;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Who runs which command, where and since when: recorded with every transaction. */
public record Invocation(List<String> command, String user, String host, long pid, long startedMicros) {
    public Invocation {
        command = List.copyOf(command);
    }

    /** This process running {@code command} now. */
    public static Invocation current(List<String> command) {
        return new Invocation(command, System.getProperty("user.name", "unknown"), hostName(),
                ProcessHandle.current().pid(), Clock.nowMicros());
    }

    private static String hostName() {
        // InetAddress.getLocalHost() may wait on DNS; the kernel's name is what we want and costs nothing.
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (java.io.IOException | RuntimeException notLinux) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown" : env;
        }
    }

    /** The command as one shell-like line, for messages. */
    public String commandLine() {
        return String.join(" ", command);
    }
}
