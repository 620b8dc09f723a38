package io.duckpond.cli.command;

import io.duckpond.steward.Pond;
import io.duckpond.steward.recovery.RecoveryReport;
import picocli.CommandLine.Command;

@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Put the pond in order after a crash.",
            "Completes missing control records and removes temp files and files that no transaction",
            "references. Committed data is never touched."},
        footer = {"", "Example:", "  pond recover"})
final class RecoverCommand extends PondSubcommand {

    @Override
    void execute() {
        Pond pond = pond();
        RecoveryReport r = pond.recover(invocation(), lockWait());
        if (!r.changedAnything()) {
            context().note("Nothing to recover: no interrupted transaction left anything behind. "
                    + "(To check every content too, run 'pond fsck'.)");
            return;
        }
        context().note("Recovered: completed " + r.controlRecordsCompleted() + " control record(s); removed "
                + r.temporaryFilesRemoved() + " temp file(s), " + r.dataFilesRemoved() + " unreferenced data file(s), "
                + r.controlFilesRemoved() + " unreferenced control file(s), " + r.largeFilesRemoved()
                + " unreferenced large file(s), " + r.cacheFilesRemoved() + " damaged cache file(s).");
    }
}
