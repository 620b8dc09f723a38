package io.duckpond.cli.command;

import io.duckpond.cli.copy.CopyIn;
import io.duckpond.cli.copy.CopyOut;
import io.duckpond.cli.output.Units;
import io.duckpond.cli.url.PondUrl;
import io.duckpond.steward.Pond;
import io.duckpond.steward.Written;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "copy", aliases = "cp", mixinStandardHelpOptions = true,
        description = {"Copy host files into the pond, or pond files out to a host directory.",
            "",
            "Copying in is one transaction for all sources. Copying out needs DEST written as host:///DIR.",
            "Sources in: host paths, '-' for stdin, host:///path, host+table:///file.parquet (a table),",
            "host+series:///file.parquet (a series version; its event-time range is recorded),",
            "host+csv:///file.csv (converted to a Parquet table; +series for a series version), host+json,",
            "host+ndjson, and +gzip or +zstd for compressed ones: host+csv+gzip+series:///x.csv.gz.",
            "To an existing directory a source keeps its name; to an existing file it becomes a new version",
            "(that is how a series grows). Content identical to the latest version is skipped unless --force."},
        footer = {"", "Examples:",
            "  pond copy readings.csv /sensors/",
            "  pond copy a.bin b.bin c.bin /inbox",
            "  pond copy -r exports/ /archive",
            "  pond copy host+series:///data/flow-2026-11.parquet /pumps/flow.series",
            "  pond copy host+csv+series:///data/temp-2026-11.csv /sensors/temp.series",
            "  cat log.txt | pond copy - /logs/today.txt",
            "  pond copy '/sensors/**/*.csv' host:///tmp/out"})
final class CopyCommand extends PondSubcommand {

    @Parameters(arity = "2..*", paramLabel = "SOURCE... DEST", hideParamSyntax = true,
            description = "Host files (or '-') and a pond path to copy in; pond paths or patterns and host:///DIR to "
                    + "copy out.")
    List<String> arguments;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "auto (default: keep the destination's type), data, table, series, or parquet (= table).")
    CopyIn.Format format = CopyIn.Format.AUTO;

    @Option(names = {"-r", "--recursive"}, description = "Copy host directories with everything below them.")
    boolean recursive;

    @Option(names = "--force", description = "Write identical content as a new version; replace host files on copy out.")
    boolean force;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV field delimiter (default: detected).")
    Character delimiter;

    @Option(names = "--timezone", paramLabel = "ZONE",
            description = "Zone of CSV/JSON timestamps written without an offset (default UTC).")
    String timezone;

    @Option(names = "--timestamp-column", paramLabel = "COLUMN",
            description = "The event-time column of a series (default: timestamp, event_time, time, ts, ...).")
    String timestampColumn;

    @Override
    void execute() throws Exception {
        List<String> sources = arguments.subList(0, arguments.size() - 1);
        String destination = arguments.get(arguments.size() - 1);
        Optional<PondUrl> url = PondUrl.parse(destination);
        Pond pond = pond();
        warnings(pond);
        if (url.isPresent() && url.get().isHost()) {
            copyOut(pond, sources, Path.of(url.get().path()));
            return;
        }
        if (url.isPresent()) {
            throw Errors.of(Problem.Kind.USAGE, "Unsupported destination", destination,
                    "copy in to a pond path such as /dir, or out to host:///dir");
        }
        CopyIn copy = new CopyIn(context(), pond, format, force ? CopyIn.Repeat.FORCE : CopyIn.Repeat.SKIP_IDENTICAL,
                recursive ? CopyIn.Recursion.RECURSIVE : CopyIn.Recursion.FILES_ONLY,
                Optional.ofNullable(timestampColumn), new CopyIn.Reading(Optional.ofNullable(delimiter), Zones.parse(timezone)));
        Written<CopyIn.Result> written = write(pond, tx -> copy.copy(tx, sources, destination));
        if (context().isTerminal() && written.result() != null && written.result().written() > 0) {
            context().err().println();
        }
        CopyIn.Result r = written.result();
        Transactions.report(context(), written, r == null ? "copied"
                : "copied " + r.written() + " file(s), " + Units.bytes(r.bytes())
                        + (r.unchanged() > 0 ? " (" + r.unchanged() + " unchanged)" : ""));
    }

    private void copyOut(Pond pond, List<String> patterns, Path destination) throws Exception {
        int count = new CopyOut(pond).copy(patterns, destination,
                force ? CopyOut.Overwrite.REPLACE : CopyOut.Overwrite.KEEP_EXISTING);
        context().note("Copied " + count + " file(s) to " + destination + ".");
    }
}
