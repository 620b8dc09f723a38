package io.duckpond.tlogfs.oplog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Directory states and version lists, kept across snapshots and transactions of one process. An entry is keyed by
 * its partition's newest data file visible to the reader ({@link OplogIndex#mark}): every row of a partition up to
 * a snapshot lies in files no newer than that, so equal marks mean equal contents, and a new commit to the partition
 * changes the mark. Nothing is ever invalidated by hand. Bounded, least recently used first out.
 */
final class ReadCache {

    /** What is cached: the rows of {@code node} in {@code partition} up to {@code mark}. */
    record Key(String kind, String partition, String node, long mark) {}

    private static final int CAPACITY = 4096;

    private final Map<Key, Object> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Object> eldest) {
            return size() > CAPACITY;
        }
    };

    @SuppressWarnings("unchecked")
    synchronized <T> T get(Key key, Supplier<T> read) {
        Object value = entries.get(key);
        if (value == null) {
            value = read.get();
            entries.put(key, value);
        }
        return (T) value;
    }

    synchronized void put(Key key, Object value) {
        entries.put(key, value);
    }
}
