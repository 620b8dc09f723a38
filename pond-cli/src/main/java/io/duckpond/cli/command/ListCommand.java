package io.duckpond.cli.command;

import io.duckpond.cli.output.Format;
import io.duckpond.cli.output.Records;
import io.duckpond.cli.output.Units;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.node.VersionSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
        description = {"List a directory's entries, or what a glob pattern matches.",
            "Patterns: * ? [abc] within a name, ** across directories; '/dir/' is the entries of /dir.",
            "Names starting with '.' are skipped unless -a."},
        footer = {"", "Examples:", "  pond list", "  pond list -l /sensors", "  pond list '/**/*.csv' --format jsonl"})
final class ListCommand extends PondSubcommand {

    @Parameters(arity = "0..1", paramLabel = "PATTERN", description = "What to list (default: /).")
    String pattern = "/";

    @Mixin
    ListingOptions listing;

    @Option(names = {"-l", "--long"}, description = "Show type, size, version and time of the latest version.")
    boolean long_;

    @Option(names = "--at-txn", paramLabel = "N", description = "List as of transaction N.")
    Long atTxn;

    @Override
    void execute() {
        Pond pond = pond();
        warnings(pond);
        FileSystemView view = atTxn == null ? pond.read() : pond.readAt(atTxn);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Entries.Shown shown : Entries.resolve(view, pattern, listing.hidden())) {
            rows.add(row(shown));
        }
        List<String> columns = long_ ? List.of("type", "size_shown", "version_shown", "modified_shown", "path")
                : List.of("path");
        Records.print(context().out(), listing.format, listing.format == Format.TABLE ? rows : json(rows), columns);
    }

    private static Map<String, Object> row(Entries.Shown shown) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", shown.path().toString());
        row.put("name", shown.path().isRoot() ? "/" : shown.path().name());
        row.put("type", shown.node().type().label());
        row.put("node_id", shown.node().id().value());
        Optional<VersionSummary> latest = shown.node().entry().latest();
        row.put("size", latest.map(VersionSummary::size).orElse(null));
        row.put("version", latest.map(VersionSummary::version).orElse(null));
        row.put("txn_seq", latest.map(VersionSummary::txnSeq).orElse(null));
        row.put("modified", latest.map(s -> Units.preciseTime(s.modifiedMicros())).orElse(null));
        row.put("size_shown", latest.map(s -> Units.bytes(s.size())).orElse("-"));
        row.put("version_shown", latest.map(s -> "v" + s.version()).orElse("-"));
        row.put("modified_shown", latest.map(s -> Units.time(s.modifiedMicros())).orElse("-"));
        return row;
    }

    /** The JSON form: the display-only columns dropped. */
    private static List<Map<String, Object>> json(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            copy.keySet().removeIf(k -> k.endsWith("_shown"));
            out.add(copy);
        }
        return out;
    }
}
