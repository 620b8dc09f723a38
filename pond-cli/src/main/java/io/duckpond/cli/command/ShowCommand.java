package io.duckpond.cli.command;

import io.duckpond.steward.Pond;
import io.duckpond.steward.control.ControlRecord;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import io.duckpond.tlogfs.oplog.OplogRow;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show what each transaction wrote, row by row.",
            "For each transaction, oldest first: its command, then every oplog row (node, entry type,",
            "version, size, partition) with directory changes spelled out."},
        footer = {"", "Examples:", "  pond show", "  pond show --txn-seq 3", "  pond show -f control"})
final class ShowCommand extends PondSubcommand {

    /** The two Delta tables of a pond. */
    enum Filesystem { DATA, CONTROL }

    @Option(names = "--txn-seq", paramLabel = "N", description = "Show only transaction N.")
    Long txnSeq;

    @Option(names = {"-f", "--filesystem"}, paramLabel = "TABLE",
            description = "data (default): the oplog; control: the control records in full.")
    Filesystem filesystem = Filesystem.DATA;

    @Override
    void execute() throws Exception {
        Pond pond = pond();
        warnings(pond);
        PrintStream out = context().out();
        List<ControlRecord> records = pond.control().records();
        if (filesystem == Filesystem.CONTROL) {
            for (ControlRecord r : records) {
                if (txnSeq == null || r.txnSeq().equals(java.util.Optional.of(txnSeq))) {
                    out.println(io.duckpond.tlogfs.io.Json.write(LogCommand.jsonRow(r)));
                }
            }
            return;
        }
        Map<Long, ControlRecord> byTxn = new HashMap<>();
        records.forEach(r -> r.txnSeq().ifPresent(t -> byTxn.put(t, r)));
        long latest = pond.latestTxn();
        if (txnSeq != null && (txnSeq < 0 || txnSeq > latest)) {
            throw Errors.of(Problem.Kind.NOT_FOUND, "No such transaction", txnSeq.toString(),
                    "the newest is " + latest);
        }
        long from = txnSeq == null ? 0 : txnSeq;
        long to = txnSeq == null ? latest : txnSeq;
        for (long t = from; t <= to; t++) {
            ControlRecord r = byTxn.get(t);
            out.println("Transaction " + t + (r == null ? "  (no control record; run 'pond recover')"
                    : "  " + io.duckpond.cli.output.Units.time(r.startedMicros()) + "  " + r.user() + "@"
                            + r.host() + "  " + String.join(" ", r.command())));
            for (OplogRow row : pond.data().rowsOf(t)) {
                out.println("  " + row.fileType() + "  node " + row.nodeId() + "  v" + row.version() + "  "
                        + row.size() + " B" + (row.nodeId().equals(row.partId()) ? "" : "  in " + row.partId())
                        + row.listing().map(l -> "  " + l).orElse(""));
            }
        }
    }
}
