package io.duckpond.cli.command;

import io.duckpond.cli.output.Format;
import io.duckpond.cli.output.Records;
import io.duckpond.cli.output.Units;
import io.duckpond.steward.Pond;
import io.duckpond.steward.control.ControlRecord;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "log", mixinStandardHelpOptions = true,
        description = {"Show the history of transactions, newest first.",
            "Each line: transaction number, time, outcome, who, and the command line.",
            "With --all, failed attempts (which changed nothing) are shown too."},
        footer = {"", "Examples:", "  pond log --limit 5", "  pond log --txn-seq 12", "  pond log --all --format jsonl"})
final class LogCommand extends PondSubcommand {

    @Option(names = "--limit", paramLabel = "N", description = "Show only the newest N.")
    Integer limit;

    @Option(names = "--txn-seq", paramLabel = "N", description = "Show only transaction N.")
    Long txnSeq;

    @Option(names = "--all", description = "Include failed attempts.")
    boolean all;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json or jsonl.")
    Format format = Format.TABLE;

    @Override
    void execute() throws Exception {
        if (limit != null && limit < 0) {
            throw Errors.of(Problem.Kind.USAGE, "Invalid --limit", limit.toString(), "give zero or more");
        }
        Pond pond = pond();
        warnings(pond);
        List<ControlRecord> records = new ArrayList<>(pond.control().records());
        records.removeIf(r -> !all && r.outcome() == ControlRecord.Outcome.FAILED);
        if (txnSeq != null) {
            records.removeIf(r -> !r.txnSeq().equals(java.util.Optional.of(txnSeq)));
            if (records.isEmpty()) {
                throw Errors.of(Problem.Kind.NOT_FOUND, "No such transaction", txnSeq.toString(),
                        "the newest is " + pond.latestTxn());
            }
        }
        records = newestFirst(records);
        if (limit != null && records.size() > limit) {
            records = records.subList(0, limit);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ControlRecord r : records) {
            rows.add(format == Format.TABLE ? textRow(r) : jsonRow(r));
        }
        Records.print(context().out(), format, rows, List.of("txn", "time", "outcome", "who", "command"));
    }

    /**
     * Committed transactions by number, newest first (start times can cross when writers waited for the lock); each
     * failed attempt just above the newest transaction that started before it.
     */
    static List<ControlRecord> newestFirst(List<ControlRecord> records) {
        List<ControlRecord> out = new ArrayList<>(records.stream().filter(r -> r.txnSeq().isPresent())
                .sorted(Comparator.comparingLong((ControlRecord r) -> r.txnSeq().get()).reversed()).toList());
        List<ControlRecord> failed = records.stream().filter(r -> r.txnSeq().isEmpty())
                .sorted(Comparator.comparingLong(ControlRecord::startedMicros)).toList();
        for (ControlRecord f : failed) {
            int at = 0;
            while (at < out.size() && out.get(at).startedMicros() > f.startedMicros()) {
                at++;
            }
            out.add(at, f);
        }
        return out;
    }

    private static Map<String, Object> textRow(ControlRecord r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("txn", r.txnSeq().map(t -> "txn " + t).orElse("failed"));
        row.put("time", Units.time(r.startedMicros()));
        row.put("outcome", r.outcome().label());
        row.put("who", r.user() + "@" + r.host());
        row.put("command", String.join(" ", r.command()) + r.message().map(m -> "  # " + m).orElse(""));
        return row;
    }

    static Map<String, Object> jsonRow(ControlRecord r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("txn", r.txnSeq().orElse(null));
        row.put("command", r.command());
        row.put("user", r.user());
        row.put("host", r.host());
        row.put("pid", r.pid());
        row.put("start", Units.preciseTime(r.startedMicros()));
        row.put("end", Units.preciseTime(r.endedMicros()));
        row.put("outcome", r.outcome().label());
        row.put("message", r.message().orElse(null));
        return row;
    }
}
