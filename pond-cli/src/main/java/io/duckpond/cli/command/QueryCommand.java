package io.duckpond.cli.command;

import io.duckpond.cli.content.QueryInputs;
import io.duckpond.query.Queries;
import io.duckpond.query.input.PondMetadata;
import io.duckpond.query.input.SqlInput;
import io.duckpond.query.output.ResultFormat;
import io.duckpond.query.session.QuerySession;
import io.duckpond.steward.Pond;
import io.duckpond.steward.control.ControlRecord;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tinyfs.fs.FileSystemView;
import io.duckpond.tlogfs.duck.DuckSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run one SELECT over several named inputs, e.g. to join two stations.",
            "Each --input NAME=PATH makes a table NAME from a pond table, series, glob or format URL (host files",
            "too). The pond's own metadata is always there: pond.nodes, pond.versions, pond.transactions."},
        footer = {"", "Examples:",
            "  pond query --input temp=/sensors/temp.series --input flow=/pumps/flow.series \\",
            "      \"SELECT t.ts, t.celsius, f.flow FROM temp t JOIN flow f USING (ts)\"",
            "  pond query \"SELECT path, size FROM pond.nodes WHERE type = 'file:series'\" --format table",
            "  pond query \"SELECT txn_seq, command FROM pond.transactions ORDER BY txn_seq DESC LIMIT 5\""})
final class QueryCommand extends PondSubcommand {

    @Option(names = {"-i", "--input"}, paramLabel = "NAME=PATH", description = "A table for the query.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--at-txn", paramLabel = "N", description = "Read everything as it was right after transaction N.")
    Long atTxn;

    @Parameters(index = "0", paramLabel = "SQL", description = "One SELECT.")
    String sql;

    @Mixin
    QueryOptions query;

    @Override
    void execute() throws Exception {
        Map<String, String> named = new LinkedHashMap<>();
        for (String input : inputs) {
            int eq = input.indexOf('=');
            if (eq <= 0 || eq == input.length() - 1) {
                throw Errors.of(Problem.Kind.USAGE, "Invalid --input", "'" + input + "'", "write NAME=PATH");
            }
            if (named.put(input.substring(0, eq), input.substring(eq + 1)) != null) {
                throw Errors.of(Problem.Kind.USAGE, "Input named twice", input.substring(0, eq), null);
            }
        }
        boolean needsPond = PondMetadata.mentioned(sql) || named.values().stream().anyMatch(p -> !QueryInputs.isHostOnly(p));
        if (!needsPond) {
            List<SqlInput> tables = new ArrayList<>();
            named.forEach((name, path) -> tables.add(QueryInputs.host(name, path)));
            Queries.run(tables, List.of(), sql, format(), context().out());
            context().out().flush();
            return;
        }
        Pond pond = pond();
        warnings(pond);
        FileSystemView view = atTxn == null ? pond.read() : pond.readAt(atTxn);
        try (QueryInputs resolver = new QueryInputs(pond, view)) {
            List<SqlInput> tables = new ArrayList<>();
            for (Map.Entry<String, String> e : named.entrySet()) {
                tables.add(QueryInputs.isHostOnly(e.getValue()) ? QueryInputs.host(e.getKey(), e.getValue())
                        : resolver.pond(e.getKey(), e.getValue(), query.window()));
            }
            List<QuerySession.TableLoad> metadata = new ArrayList<>();
            if (PondMetadata.mentioned(sql)) {
                metadata.add(PondMetadata.tables(view, transactions(pond, view.txnSeq())));
            }
            Optional<DuckSession> last = duckForLastStep(pond);
            if (last.isPresent()) {
                Queries.runLast(last.get(), tables, metadata, sql, format(), context().out());
            } else {
                Queries.run(tables, metadata, sql, format(), context().out());
            }
            context().out().flush();
        }
    }

    private ResultFormat format() {
        return query.resultFormat(context(), java.util.Optional.empty());
    }

    /** The control records up to transaction {@code through}: failed attempts count up to that transaction's end. */
    private static List<PondMetadata.Transaction> transactions(Pond pond, long through) throws Exception {
        List<ControlRecord> records = pond.control().records();
        long end = records.stream().filter(r -> r.txnSeq().filter(t -> t == through).isPresent())
                .mapToLong(ControlRecord::endedMicros).findFirst().orElse(Long.MAX_VALUE);
        List<PondMetadata.Transaction> out = new ArrayList<>();
        for (ControlRecord r : records) {
            boolean later = r.txnSeq().map(t -> t > through).orElse(r.startedMicros() > end);
            if (later) {
                continue;
            }
            out.add(new PondMetadata.Transaction(r.txnSeq(), r.command(), r.outcome().label(), r.user(), r.host(),
                    r.startedMicros(), r.endedMicros(), r.message()));
        }
        return out;
    }
}
