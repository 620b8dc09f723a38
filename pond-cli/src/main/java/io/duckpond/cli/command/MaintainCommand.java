package io.duckpond.cli.command;

import io.duckpond.steward.Pond;
import picocli.CommandLine.Command;

@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = {"Compact the pond's logs so it stays fast as history grows.",
            "Rewrites each directory's many small oplog files (one per transaction) into one, and the control",
            "table's likewise, then writes checkpoints. No content changes, and every earlier transaction stays",
            "readable with --at-txn. One transaction."},
        footer = {"", "Example (e.g. nightly from cron):", "  pond maintain"})
final class MaintainCommand extends PondSubcommand {

    @Override
    void execute() {
        Pond pond = pond();
        Pond.Maintained m = pond.maintain(invocation(), lockWait());
        if (m.txnSeq().isEmpty()) {
            context().note("Nothing to compact" + (m.controlFilesBefore() > 0 ? " in the oplog; compacted "
                    + m.controlFilesBefore() + " control files" : "") + ".");
            return;
        }
        context().note("Compacted " + m.dataFilesBefore() + " oplog files in " + m.partitions() + " director"
                + (m.partitions() == 1 ? "y" : "ies") + " into " + m.partitions() + ", and " + m.controlFilesBefore()
                + " control files, in transaction " + m.txnSeq().get() + ".");
    }
}
