package io.duckpond.cli.command;

import io.duckpond.cli.content.Contents;
import io.duckpond.cli.content.QueryInputs;
import io.duckpond.cli.url.PondUrl;
import io.duckpond.query.Queries;
import io.duckpond.query.input.SqlInput;
import io.duckpond.query.input.TimeWindow;
import io.duckpond.query.output.ResultFormat;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.steward.Pond;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tinyfs.fs.Links;
import io.duckpond.tinyfs.fs.Node;
import io.duckpond.tinyfs.glob.Glob;
import io.duckpond.tinyfs.path.PondPath;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Print a file, or query a table or series with SQL.",
            "A data file prints its bytes. A table or series prints as a table on a terminal and as Parquet into",
            "a pipe (--format overrides). With --sql the input is the table 'source' (also 'series'). PATH may",
            "be a glob (the matching files are unioned by column name) or a format URL: csv:///pond/path reads a",
            "pond file as CSV, host+csv:///host/path reads a host file with no pond at all."},
        footer = {"", "Examples:",
            "  pond cat /notes/readme.txt",
            "  pond cat /pumps/flow.series --format csv",
            "  pond cat /pumps/flow.series --sql \"SELECT date_trunc('day', ts) AS day, avg(flow) FROM source GROUP BY 1\"",
            "  pond cat /pumps/flow.series --time-start 2026-11-01 --time-end 2026-11-07T23:59:59Z",
            "  pond cat '/sites/*/temp.series' --sql 'SELECT count(*) FROM source'",
            "  pond cat host+csv:///tmp/export.csv --sql 'SELECT * FROM source LIMIT 5' --format table",
            "  pond cat --at-txn 3 /sensors/temp.csv > old.csv"})
final class CatCommand extends PondSubcommand {

    @Parameters(index = "0", paramLabel = "PATH|URL")
    String path;

    @Option(names = {"--sql", "--query"}, paramLabel = "SQL", description = "One SELECT over the table 'source'.")
    String sql;

    @Option(names = "--at-txn", paramLabel = "N", description = "Read as it was right after transaction N.")
    Long atTxn;

    @Option(names = "--display", paramLabel = "raw|table", description = "Old spelling of --format raw|table.")
    String display;

    @Mixin
    QueryOptions query;

    @Override
    void execute() throws Exception {
        Optional<String> requested = Optional.ofNullable(query.format).or(() -> Optional.ofNullable(display));
        boolean raw = requested.map(f -> f.equalsIgnoreCase("raw")).orElse(false);
        TimeWindow window = query.window();
        if (QueryInputs.isHostOnly(path)) {
            runQuery(Optional.empty(), QueryInputs.host("source", path), requested);
            return;
        }
        Pond pond = pond();
        warnings(pond);
        FileSystemView view = atTxn == null ? pond.read() : pond.readAt(atTxn);
        boolean plainPath = PondUrl.parse(path).isEmpty()
                && (view.exact(path).isPresent() || Glob.parse(path).isLiteral());
        if (plainPath && sql == null && window.isAll()) {
            Node node = view.resolve(PondPath.parse(path), Links.FOLLOW);
            if (raw || !node.type().isTabular()) {
                Contents.write(pond, view, node, context().out());
                context().out().flush();
                return;
            }
        }
        try (QueryInputs inputs = new QueryInputs(pond, view)) {
            runQuery(duckForLastStep(pond), inputs.pond("source", path, window),
                    requested.filter(f -> !f.equalsIgnoreCase("raw")));
        }
    }

    /** Runs the query, in the pond's own DuckDB when there is one (it is the command's last step). */
    private void runQuery(Optional<DuckSession> pondDuck, SqlInput source, Optional<String> requested) {
        List<SqlInput> inputs = List.of(source, new SqlInput("series", "source", List.of(), 0));
        String select = sql == null ? "SELECT * FROM source" : sql;
        ResultFormat format = query.resultFormat(context(), requested);
        if (pondDuck.isPresent()) {
            Queries.runLast(pondDuck.get(), inputs, List.of(), select, format, context().out());
        } else {
            Queries.run(inputs, List.of(), select, format, context().out());
        }
        context().out().flush();
    }
}
