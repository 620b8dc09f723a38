package io.duckpond.tlogfs.delta;

import io.duckpond.tlogfs.delta.Action.AddFile;
import io.duckpond.tlogfs.delta.Action.RemoveFile;
import io.duckpond.tlogfs.duck.DuckSession;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rewrites each partition's small files into one, as Delta's OPTIMIZE does: the new file is added and the old ones
 * removed with {@code dataChange=false} in one commit, so no row changes. The removed files stay on disk (older versions
 * of the table still name them), as does every commit file.
 */
public final class Compaction {

    /** What one compaction commit does. */
    public record Plan(List<Action> actions, int partitions, int filesBefore) {
        public boolean isEmpty() {
            return partitions == 0;
        }
    }

    private Compaction() {}

    /**
     * Merges every partition of {@code snapshot} that has at least two files. Rows are ordered by {@code orderBy} in
     * the new file. Returns the add and remove actions (files already written and forced).
     */
    public static Plan plan(DuckSession duck, DataFileWriter writer, DeltaSnapshot snapshot, String partitionColumn,
            String orderBy, long version) throws IOException, SQLException {
        Map<String, List<AddFile>> byPartition = new LinkedHashMap<>();
        for (AddFile add : snapshot.files()) {
            String part = partitionColumn == null ? "" : add.partitionValues().getOrDefault(partitionColumn, "");
            byPartition.computeIfAbsent(part, p -> new ArrayList<>()).add(add);
        }
        List<Action> actions = new ArrayList<>();
        int partitions = 0;
        int before = 0;
        long now = System.currentTimeMillis();
        for (Map.Entry<String, List<AddFile>> e : byPartition.entrySet()) {
            List<AddFile> files = e.getValue();
            if (files.size() < 2) {
                continue;
            }
            List<Path> paths = files.stream().map(f -> writer.tableRoot().resolve(f.relativePath())).toList();
            String directory = partitionColumn == null ? "" : partitionColumn + "=" + e.getKey() + "/";
            String relative = directory + String.format("part-%020d-compacted-", version) + UUID.randomUUID()
                    + ".zstd.parquet";
            Map<String, String> values = partitionColumn == null ? Map.of() : Map.of(partitionColumn, e.getKey());
            AddFile merged = writer.write("SELECT " + writer.schema().dataColumnList() + " FROM read_parquet("
                    + DuckSession.pathList(paths) + ") ORDER BY " + orderBy, relative, values);
            actions.add(new AddFile(merged.path(), merged.partitionValues(), merged.size(), merged.modificationTime(),
                    false, merged.stats()));
            for (AddFile old : files) {
                actions.add(new RemoveFile(old.path(), now, false, old.partitionValues(), old.size()));
            }
            partitions++;
            before += files.size();
        }
        return new Plan(actions, partitions, before);
    }
}
