package io.duckpond.tlogfs.oplog;

import io.duckpond.tlogfs.delta.Action.AddFile;
import io.duckpond.tlogfs.delta.Action.RemoveFile;
import io.duckpond.tlogfs.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The oplog's data files by partition, each with the range of transactions its rows belong to (from the
 * {@code txn_seq} statistics of its {@code add} action), so a read opens only the files that can hold its rows.
 * Immutable: a commit makes a new index.
 */
final class OplogIndex {

    /** One data file of one partition. */
    record IndexedFile(String deltaPath, Path path, String partId, long txnMin, long txnMax) {
        boolean covers(long txnSeq) {
            return txnMin <= txnSeq && txnSeq <= txnMax;
        }
    }

    private static final Comparator<IndexedFile> NEWEST_FIRST =
            Comparator.comparingLong(IndexedFile::txnMax).reversed().thenComparing(IndexedFile::deltaPath);

    private final Map<String, List<IndexedFile>> byPartition;

    private OplogIndex(Map<String, List<IndexedFile>> byPartition) {
        this.byPartition = byPartition;
    }

    static OplogIndex of(Path tableRoot, Collection<AddFile> files) {
        return new OplogIndex(new HashMap<>()).with(tableRoot, files, List.of());
    }

    /**
     * A new index with {@code added} files joined and {@code removed} ones gone. Each partition touched is rebuilt
     * once, whatever the number of files: opening a pond indexes every file of its checkpoint in one call.
     */
    OplogIndex with(Path tableRoot, Collection<AddFile> added, Collection<RemoveFile> removed) {
        Map<String, List<IndexedFile>> addedByPartition = new HashMap<>();
        for (AddFile add : added) {
            IndexedFile file = indexed(tableRoot, add);
            addedByPartition.computeIfAbsent(file.partId(), p -> new ArrayList<>()).add(file);
        }
        Map<String, Set<String>> removedByPartition = new HashMap<>();
        for (RemoveFile remove : removed) {
            removedByPartition.computeIfAbsent(remove.partitionValues().get(OplogSchema.PART_ID), p -> new HashSet<>())
                    .add(remove.path());
        }
        Set<String> touched = new HashSet<>(addedByPartition.keySet());
        touched.addAll(removedByPartition.keySet());
        Map<String, List<IndexedFile>> next = new HashMap<>(byPartition);
        for (String part : touched) {
            List<IndexedFile> list = new ArrayList<>(next.getOrDefault(part, List.of()));
            list.addAll(addedByPartition.getOrDefault(part, List.of()));
            Set<String> gone = removedByPartition.getOrDefault(part, Set.of());
            list.removeIf(f -> gone.contains(f.deltaPath()));
            list.sort(NEWEST_FIRST);
            next.put(part, List.copyOf(list));
        }
        return new OplogIndex(next);
    }

    /** The files of a partition that hold rows of transactions up to {@code txnSeq}, newest first. */
    List<IndexedFile> files(String partId, long txnSeq) {
        return byPartition.getOrDefault(partId, List.of()).stream().filter(f -> f.txnMin() <= txnSeq).toList();
    }

    /**
     * The newest transaction among the partition's files visible at {@code txnSeq}: the partition's rows up to
     * {@code txnSeq} are exactly its rows up to this mark. A compacted file reaching past {@code txnSeq} makes the
     * mark {@code txnSeq} itself.
     */
    long mark(String partId, long txnSeq) {
        for (IndexedFile f : byPartition.getOrDefault(partId, List.of())) {
            if (f.txnMin() <= txnSeq) {
                return Math.min(f.txnMax(), txnSeq);
            }
        }
        return -1;
    }

    int fileCount() {
        return byPartition.values().stream().mapToInt(List::size).sum();
    }

    @SuppressWarnings("unchecked")
    private static IndexedFile indexed(Path tableRoot, AddFile add) {
        long min = 0;
        long max = Long.MAX_VALUE;
        if (add.stats().isPresent()) {
            Map<String, Object> stats = Json.parseObject(add.stats().get());
            Object lo = ((Map<String, Object>) stats.getOrDefault("minValues", Map.of())).get("txn_seq");
            Object hi = ((Map<String, Object>) stats.getOrDefault("maxValues", Map.of())).get("txn_seq");
            if (lo instanceof Number n) {
                min = n.longValue();
            }
            if (hi instanceof Number n) {
                max = n.longValue();
            }
        }
        String part = add.partitionValues().get(OplogSchema.PART_ID);
        return new IndexedFile(add.path(), tableRoot.resolve(add.relativePath()), part, min, max);
    }
}
