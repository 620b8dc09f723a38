package io.duckpond.cli.command;

import io.duckpond.cli.output.Format;
import io.duckpond.cli.output.Units;
import io.duckpond.steward.Pond;
import io.duckpond.tlogfs.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the pond's identity, newest transaction and storage.",
            "Also says whether the pond needs 'pond recover'."},
        footer = {"", "Examples:", "  pond status", "  pond status --format json"})
final class StatusCommand extends PondSubcommand {

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json or jsonl.")
    Format format = Format.TABLE;

    @Override
    void execute() throws Exception {
        Pond pond = pond();
        warnings(pond);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("pond", pond.layout().root().toString());
        s.put("id", pond.id());
        s.put("format_version", Long.parseLong(pond.configuration().getOrDefault("pond.format-version", "0")));
        s.put("birthplace", pond.configuration().get("pond.birthplace"));
        s.put("created", pond.configuration().get("pond.created"));
        long latest = pond.latestTxn();
        s.put("latest_txn", latest);
        long recorded = pond.control().recordedThrough();
        s.put("control_recorded_through", recorded);
        s.put("needs_recover", recorded < latest);
        s.put("data_files", pond.data().delta().files().size());
        long[] large = sizeOf(pond.data().store().root());
        s.put("large_files", large[0]);
        s.put("large_file_bytes", large[1]);
        if (format == Format.TABLE) {
            s.forEach((k, v) -> context().out().println(String.format("%-26s %s", k.replace('_', ' ') + ":",
                    k.equals("large_file_bytes") ? Units.bytes((Long) v) : v)));
        } else {
            context().out().println(Json.write(s));
        }
    }

    private static long[] sizeOf(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return new long[] {0, 0};
        }
        long[] totals = new long[2];
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().startsWith(".")) {
                    totals[0]++;
                    totals[1] += Files.size(p);
                }
            }
        }
        return totals;
    }
}
