package io.duckpond.cli.command;

import io.duckpond.cli.output.Units;
import io.duckpond.query.input.PondFiles;
import io.duckpond.query.input.TableFacts;
import io.duckpond.tlogfs.duck.DuckSession;
import java.util.Optional;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.node.FileVersion;
import io.duckpond.tlogfs.io.Json;
import io.duckpond.tlogfs.oplog.OplogSchema;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"Describe files and every version of them.",
            "Shows entry type and node id; for tables and series the columns (all versions unioned) and the",
            "timestamp column; per version its transaction, size, rows, hash and (series) event-time range."},
        footer = {"", "Examples:", "  pond describe /sensors/temp.series", "  pond describe '/**' --format json"})
final class DescribeCommand extends PondSubcommand {

    @Parameters(arity = "0..1", paramLabel = "PATTERN", description = "What to describe (default: /).")
    String pattern = "/";

    @Mixin
    ListingOptions listing;

    @Override
    void execute() {
        Pond pond = pond();
        warnings(pond);
        FileSystemView view = pond.read();
        List<Map<String, Object>> described = new ArrayList<>();
        try (PondFiles files = new PondFiles(view, pond.data().store(), pond.layout().cache())) {
            for (Entries.Shown shown : Entries.resolve(view, pattern, listing.hidden())) {
                described.add(describe(view, shown, files, pond.duck()));
            }
        }
        PrintStream out = context().out();
        switch (listing.format) {
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

    private static Map<String, Object> describe(FileSystemView view, Entries.Shown shown, PondFiles files,
            DuckSession duck) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("path", shown.path().toString());
        d.put("type", shown.node().type().label());
        d.put("node_id", shown.node().id().value());
        if (shown.node().isDirectory()) {
            d.put("entries", view.entries(shown.node()).size());
            return d;
        }
        List<FileVersion> versions = view.versions(shown.node());
        Optional<TableFacts.Facts> facts = shown.node().type().isTabular() && !versions.isEmpty()
                ? Optional.of(TableFacts.of(files, duck, versions)) : Optional.empty();
        List<Map<String, Object>> list = new ArrayList<>();
        for (FileVersion v : versions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("txn_seq", v.txnSeq());
            m.put("size", v.size());
            m.put("sha256", v.sha256());
            m.put("written", Units.preciseTime(v.timestampMicros()));
            facts.ifPresent(f -> m.put("rows", f.rowsByVersion().get(v.version())));
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
        facts.ifPresent(f -> {
            List<Map<String, Object>> columns = new ArrayList<>();
            f.columns().forEach((name, type) -> columns.add(Map.of("name", name, "type", type)));
            d.put("columns", columns);
        });
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
        if (d.containsKey("columns")) {
            StringBuilder columns = new StringBuilder("  columns:");
            for (Map<String, Object> c : (List<Map<String, Object>>) d.get("columns")) {
                columns.append(' ').append(c.get("name")).append(' ').append(c.get("type")).append(',');
            }
            out.println(columns.substring(0, columns.length() - 1));
        }
        for (Map<String, Object> v : versions) {
            StringBuilder line = new StringBuilder("  v" + v.get("version") + "  txn " + v.get("txn_seq") + "  "
                    + Units.bytes((Long) v.get("size")) + (v.containsKey("rows") ? "  " + v.get("rows") + " rows" : "")
                    + "  " + v.get("written") + "  sha256 " + v.get("sha256"));
            if (v.containsKey("min_event_time")) {
                line.append("  events ").append(v.get("min_event_time")).append(" .. ").append(v.get("max_event_time"));
            }
            out.println(line);
        }
    }
}
