package io.duckpond.tlogfs.delta;

import io.duckpond.tlogfs.delta.Action.AddFile;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Disk;
import io.duckpond.tlogfs.io.Durable;
import io.duckpond.tlogfs.io.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes one Delta data file with DuckDB and describes it as an {@code add} action. DuckDB does not fsync what it
 * writes, so the file and its directory are forced here before any commit can point at them.
 */
public final class DataFileWriter {

    /** Longest string kept as a min/max statistic: Delta writers truncate longer ones, so they would not be exact. */
    private static final int MAX_STRING_STAT = 32;

    private static final DateTimeFormatter DUCK_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendOffset("+HH:mm", "+00")
            .toFormatter();
    private static final DateTimeFormatter DELTA_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private final DuckSession duck;
    private final TableSchema schema;
    private final Path tableRoot;

    public DataFileWriter(DuckSession duck, TableSchema schema, Path tableRoot) {
        this.duck = duck;
        this.schema = schema;
        this.tableRoot = tableRoot;
    }

    public Path tableRoot() {
        return tableRoot;
    }

    public TableSchema schema() {
        return schema;
    }

    /**
     * Writes the rows of {@code select} (which yields the schema's data columns, in order) to {@code relativePath}
     * under the table root, zstd-compressed, and forces it to disk.
     */
    public AddFile write(String select, String relativePath, Map<String, String> partitionValues)
            throws IOException, SQLException {
        Path file = tableRoot.resolve(relativePath);
        Durable.createDirectories(file.getParent());
        List<Map<String, Object>> stats = duck.query("COPY (" + select + ") TO " + DuckSession.literal(file.toString())
                + " (FORMAT parquet, COMPRESSION zstd, RETURN_STATS)", DataFileWriter::returnedStats);
        forceWritten(List.of(file));
        return addAction(file, partitionValues, stats.isEmpty() ? Optional.empty() : Optional.of(stats.get(0)));
    }

    /**
     * Writes the rows of {@code select} (the data columns, then {@code partitionColumn}) in one pass: a file per
     * partition (DuckDB may split a large one), named {@code filePrefix} + a UUID + {@code .zstd.parquet}, all forced.
     * {@code partitions} are the partition values the rows hold; their directories are made (durably) first.
     * One pass matters: a transaction touching many directories would otherwise scan its rows once per partition.
     */
    public List<AddFile> writePartitioned(String select, String partitionColumn, Collection<String> partitions,
            String filePrefix) throws IOException, SQLException {
        for (String partition : partitions) {
            Durable.createDirectories(tableRoot.resolve(partitionColumn + "=" + partition));
        }
        List<Map<String, Object>> stats = duck.query("COPY (" + select + ") TO "
                + DuckSession.literal(tableRoot.toString()) + " (FORMAT parquet, COMPRESSION zstd, PARTITION_BY ("
                + partitionColumn + "), APPEND, FILENAME_PATTERN " + DuckSession.literal(filePrefix + "{uuid}")
                + ", FILE_EXTENSION 'zstd.parquet', RETURN_STATS)", row -> {
                    Map<String, Object> r = returnedStats(row);
                    r.put("filename", row.getString("filename"));
                    r.put("partition_keys", row.getObject("partition_keys"));
                    return r;
                });
        List<Path> files = stats.stream().map(r -> Path.of((String) r.get("filename"))).toList();
        forceWritten(files);
        List<AddFile> adds = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> keys = (Map<String, Object>) stats.get(i).get("partition_keys");
            adds.add(addAction(files.get(i), Map.of(partitionColumn, keys.get(partitionColumn).toString()),
                    Optional.of(stats.get(i))));
        }
        return adds;
    }

    /** DuckDB does not fsync what it writes: each file, then each directory holding one, is forced here. */
    private static void forceWritten(List<Path> files) throws IOException {
        Set<Path> directories = new LinkedHashSet<>();
        for (Path file : files) {
            Disk.observer().created(file);
            Disk.reached("data-file:written");
            Durable.force(file);
            directories.add(file.getParent());
        }
        for (Path directory : directories) {
            Durable.forceDirectory(directory);
        }
    }

    private static Map<String, Object> returnedStats(java.sql.ResultSet row) throws SQLException {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("count", row.getObject("count"));
        r.put("column_statistics", row.getObject("column_statistics"));
        return r;
    }

    private AddFile addAction(Path file, Map<String, String> partitionValues, Optional<Map<String, Object>> stats)
            throws IOException {
        String relative = tableRoot.relativize(file).toString();
        return new AddFile(Action.encode(relative), partitionValues, Files.size(file),
                Files.getLastModifiedTime(file).toMillis(), true, stats.map(this::statistics));
    }

    /** Delta stats JSON, typed by the schema (never by how a value looks): numbers for longs, ISO text for times. */
    @SuppressWarnings("unchecked")
    private String statistics(Map<String, Object> returned) {
        Map<String, Object> columnStats = (Map<String, Object>) returned.get("column_statistics");
        Map<String, Object> min = new LinkedHashMap<>();
        Map<String, Object> max = new LinkedHashMap<>();
        Map<String, Object> nulls = new LinkedHashMap<>();
        for (Column column : schema.dataColumns()) {
            Map<String, Object> s = (Map<String, Object>) columnStats.get("\"" + column.name() + "\"");
            if (s == null) {
                continue;
            }
            if (s.get("null_count") != null) {
                nulls.put(column.name(), Long.parseLong(s.get("null_count").toString()));
            }
            statValue(column.type(), s.get("min"), s.get("min_is_exact")).ifPresent(v -> min.put(column.name(), v));
            statValue(column.type(), s.get("max"), s.get("max_is_exact")).ifPresent(v -> max.put(column.name(), v));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("numRecords", ((BigInteger) returned.get("count")).longValue());
        out.put("minValues", min);
        out.put("maxValues", max);
        out.put("nullCount", nulls);
        return Json.write(out);
    }

    private static Optional<Object> statValue(DeltaType type, Object value, Object exact) {
        if (value == null || !"true".equals(String.valueOf(exact))) {
            return Optional.empty();
        }
        String text = value.toString();
        switch (type) {
            case LONG:
                return Optional.of(Long.parseLong(text));
            case TIMESTAMP:
                // Truncated to milliseconds, as Delta writers do; readers widen max by 1 ms when skipping.
                return Optional.of(OffsetDateTime.parse(text, DUCK_TIMESTAMP).withOffsetSameInstant(ZoneOffset.UTC)
                        .format(DELTA_TIMESTAMP));
            case STRING:
                return text.length() <= MAX_STRING_STAT ? Optional.of(text) : Optional.empty();
            default:
                return Optional.empty();
        }
    }
}
