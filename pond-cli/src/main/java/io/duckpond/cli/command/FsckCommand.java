package io.duckpond.cli.command;

import io.duckpond.cli.output.Format;
import io.duckpond.cli.output.Records;
import io.duckpond.steward.Pond;
import io.duckpond.steward.fsck.Finding;
import io.duckpond.steward.fsck.Fsck;
import io.duckpond.tinyfs.error.Errors;
import io.duckpond.tinyfs.error.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "fsck", mixinStandardHelpOptions = true,
        description = {"Check the whole pond and report every problem with its path.",
            "Re-hashes every large file and inline content, checks every commit, checkpoint and data file of both",
            "tables, reads every directory, and looks for leftovers. Exit 0 when clean, 1 when problems remain.",
            "--repair does what is safe: what 'pond recover' does, and rebuilding checkpoints from the commits."},
        footer = {"", "Examples:", "  pond fsck", "  pond fsck --repair", "  pond fsck --format jsonl"})
final class FsckCommand extends PondSubcommand {

    @Option(names = "--repair", description = "Repair what is safe, then check again.")
    boolean repair;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json or jsonl.")
    Format format = Format.TABLE;

    @Override
    void execute() {
        Pond pond = pond();
        List<Finding> findings;
        if (repair) {
            Fsck.Repaired r = Fsck.repair(pond, invocation(), lockWait());
            context().note("Repaired: rebuilt " + r.checkpointsRebuilt() + " checkpoint(s); completed "
                    + r.recovered().controlRecordsCompleted() + " control record(s); removed "
                    + (r.recovered().temporaryFilesRemoved() + r.recovered().dataFilesRemoved()
                            + r.recovered().controlFilesRemoved() + r.recovered().largeFilesRemoved()
                            + r.recovered().cacheFilesRemoved()) + " leftover file(s).");
            findings = r.remaining();
        } else {
            findings = Fsck.check(pond);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", f.path());
            row.put("problem", f.problem());
            row.put("repair", f.repair().label());
            rows.add(row);
        }
        Records.print(context().out(), format, rows, List.of("path", "problem", "repair"));
        if (findings.isEmpty()) {
            context().note("No problems found.");
            return;
        }
        boolean repairable = findings.stream().anyMatch(f -> f.repair() != Finding.Repair.NONE);
        throw Errors.of(Problem.Kind.CORRUPT, "Problems found", findings.size() + " in " + pond.layout().root(),
                repairable && !repair ? "run 'pond fsck --repair' for those marked repairable"
                        : "restore what is listed as needing a backup from a copy of the pond");
    }
}
