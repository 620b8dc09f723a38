package io.duckpond.tlogfs.oplog;

import static io.duckpond.tlogfs.oplog.OplogFixture.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.duckpond.tinyfs.path.PondPath;
import io.duckpond.tlogfs.duck.DuckSession;
import io.duckpond.tlogfs.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-disk format of docs/format.md: Parquet column types, Delta schema, and the directory row encoding. */
class OplogFormatTest {

    @TempDir
    Path dir;

    /** The type table of docs/format.md: column -> Parquet physical type and logical annotation. */
    private static final Map<String, String> PARQUET_TYPES = new LinkedHashMap<>();

    static {
        PARQUET_TYPES.put("node_id", "BYTE_ARRAY UTF8");
        PARQUET_TYPES.put("file_type", "BYTE_ARRAY UTF8");
        PARQUET_TYPES.put("timestamp", "INT64 TIMESTAMP(MICROS,UTC)");
        PARQUET_TYPES.put("version", "INT64 INT_64");
        PARQUET_TYPES.put("content", "BYTE_ARRAY -");
        PARQUET_TYPES.put("sha256", "BYTE_ARRAY UTF8");
        PARQUET_TYPES.put("size", "INT64 INT_64");
        PARQUET_TYPES.put("min_event_time", "INT64 INT_64");
        PARQUET_TYPES.put("max_event_time", "INT64 INT_64");
        PARQUET_TYPES.put("extended_attributes", "BYTE_ARRAY UTF8");
        PARQUET_TYPES.put("txn_seq", "INT64 INT_64");
    }

    @Test
    void oplogParquetFilesHaveTheDocumentedColumnTypesAndNoPartitionColumn() throws Exception {
        try (OplogFixture pond = new OplogFixture(dir)) {
            pond.commit(tx -> write(tx, "/f", "hello".getBytes()));
            Path file;
            try (Stream<Path> files = Files.walk(pond.data)) {
                file = files.filter(p -> p.toString().endsWith(".parquet") && p.toString().contains("part_id="))
                        .findFirst().orElseThrow();
            }
            Map<String, String> actual = new LinkedHashMap<>();
            pond.duck.query("SELECT name, type, converted_type, logical_type FROM parquet_schema("
                    + DuckSession.literal(file.toString()) + ") WHERE type IS NOT NULL", r -> {
                        String logical = r.getString(4);
                        String annotation = logical != null && logical.startsWith("TimestampType")
                                ? "TIMESTAMP(MICROS," + (logical.contains("isAdjustedToUTC=1") ? "UTC" : "LOCAL") + ")"
                                : r.getString(3) == null ? "-" : r.getString(3);
                        actual.put(r.getString(1), r.getString(2) + " " + annotation);
                        return null;
                    });
            assertThat(actual).containsExactlyEntriesOf(PARQUET_TYPES);
        }
    }

    @Test
    void theDeltaSchemaNamesEveryColumnWithItsDeltaTypeAndPartitionsByPartId() throws Exception {
        try (OplogFixture pond = new OplogFixture(dir)) {
            Map<String, Object> schema = Json.parseObject(pond.persistence.delta().metadata().schemaString());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> fields = (List<Map<String, Object>>) schema.get("fields");
            Map<String, Object> types = new LinkedHashMap<>();
            fields.forEach(f -> types.put((String) f.get("name"), f.get("type")));
            assertThat(types).containsExactly(Map.entry("part_id", "string"), Map.entry("node_id", "string"),
                    Map.entry("file_type", "string"), Map.entry("timestamp", "timestamp"), Map.entry("version", "long"),
                    Map.entry("content", "binary"), Map.entry("sha256", "string"), Map.entry("size", "long"),
                    Map.entry("min_event_time", "long"), Map.entry("max_event_time", "long"),
                    Map.entry("extended_attributes", "string"), Map.entry("txn_seq", "long"));
            assertThat(pond.persistence.delta().metadata().partitionColumns()).containsExactly("part_id");
            assertThat(pond.persistence.delta().metadata().configuration())
                    .containsEntry("delta.appendOnly", "true").containsEntry("delta.checkpointInterval", "100");
        }
    }

    @Test
    void directoryRowsHoldAFullListingOrTheChangesSinceOne() throws Exception {
        try (OplogFixture pond = new OplogFixture(dir)) {
            pond.commit(tx -> tx.mkdir(PondPath.parse("/d")));
            pond.commit(tx -> write(tx, "/d/a", "a".getBytes()));
            List<String> rows = pond.duck.query("SELECT txn_seq, decode(content) FROM read_parquet("
                    + DuckSession.literal(pond.data + "/part_id=00000000-0000-7000-8000-000000000000/*.parquet")
                    + ") WHERE file_type = 'directory' ORDER BY txn_seq", r -> r.getString(2));
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).isEqualTo("{\"listing\":\"full\",\"entries\":[]}");
            assertThat(rows.get(1)).startsWith("{\"listing\":\"changes\",\"base_version\":1,\"base_txn_seq\":0,"
                    + "\"changed_since_base\":1,\"changes\":[{\"op\":\"put\",\"name\":\"d\",\"node_id\":\"");
            assertThat(rows.get(1)).endsWith("\"type\":\"directory\"}]}");
        }
    }
}
