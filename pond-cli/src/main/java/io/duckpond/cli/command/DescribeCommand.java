package io.duckpond.cli.command;

import io.duckpond.cli.output.Format;
import io.duckpond.cli.output.Units;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.Hidden;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tlogfs.io.Json;
import io.duckpond.tlogfs.oplog.OplogSchema;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"Describe files and every version of them.",
            "Shows entry type, node id, and per version its transaction, size, hash, and (for series)",
            "the event-time range and timestamp column."},
        footer = {"", "Examples:", "  pond describe /sensors/temp.series", "  pond describe '/**' --format json"})
final class DescribeCommand extends PondSubcommand {

    @Parameters(arity = "0..1", paramLabel = "PATTERN", description = "What to describe (default: /).")
    String pattern = "/";

    @Option(names = {"-a", "--all"}, description = "Include names that start with '.'.")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json or jsonl.")
    Format format = Format.TABLE;

    @Override
    void execute() {
        try (Pond pond = openPond()) {
            warnings(pond);
            FileSystemView view = pond.read();
            List<Map<String, Object>> described = new ArrayList<>();
            for (Entries.Shown shown : Entries.resolve(view, pattern, all ? Hidden.INCLUDE : Hidden.SKIP)) {
                described.add(describe(view, shown));
            }
            PrintStream out = context().out();
            switch (format) {
                case JSON:
                    out.println(Json.write(described));
                    break;
                case JSONL:
                    described.forEach(d -> out.println(Json.write(d)));
                    break;
                default:
                    described.forEach(d -> printText(out, d));
            }
        }
    }

    private static Map<String, Object> describe(FileSystemView view, Entries.Shown shown) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("path", shown.path().toString());
        d.put("type", shown.node().type().label());
        d.put("node_id", shown.node().id().value());
        if (shown.node().isDirectory()) {
            d.put("entries", view.entries(shown.node()).size());
            return d;
        }
        List<FileVersion> versions = view.versions(shown.node());
        List<Map<String, Object>> list = new ArrayList<>();
        for (FileVersion v : versions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("txn_seq", v.txnSeq());
            m.put("size", v.size());
            m.put("sha256", v.sha256());
            m.put("written", Units.preciseTime(v.timestampMicros()));
            v.eventTime().ifPresent(t -> {
                m.put("min_event_time", Units.preciseTime(t.minMicros()));
                m.put("max_event_time", Units.preciseTime(t.maxMicros()));
            });
            list.add(m);
        }
        if (!versions.isEmpty()) {
            String column = versions.get(versions.size() - 1).attributes().get(OplogSchema.TIMESTAMP_COLUMN_ATTRIBUTE);
            if (column != null) {
                d.put("timestamp_column", column);
            }
        }
        d.put("versions", list);
        return d;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintStream out, Map<String, Object> d) {
        StringBuilder head = new StringBuilder(d.get("path") + "  " + d.get("type") + "  node " + d.get("node_id"));
        if (d.containsKey("entries")) {
            out.println(head.append("  ").append(d.get("entries")).append(" entries"));
            return;
        }
        List<Map<String, Object>> versions = (List<Map<String, Object>>) d.get("versions");
        head.append("  ").append(versions.size()).append(versions.size() == 1 ? " version" : " versions");
        if (d.containsKey("timestamp_column")) {
            head.append("  timestamp column ").append(d.get("timestamp_column"));
        }
        out.println(head);
        for (Map<String, Object> v : versions) {
            StringBuilder line = new StringBuilder("  v" + v.get("version") + "  txn " + v.get("txn_seq") + "  "
                    + Units.bytes((Long) v.get("size")) + "  " + v.get("written") + "  sha256 " + v.get("sha256"));
            if (v.containsKey("min_event_time")) {
                line.append("  events ").append(v.get("min_event_time")).append(" .. ").append(v.get("max_event_time"));
            }
            out.println(line);
        }
    }
}
