package io.duckpond.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.Snapshot;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.ListLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The column types of docs/format.md, end to end: Kernel's table schema has each column's Delta type, Kernel reads
 * every data file with exactly that schema (its Parquet reader refuses a mismatch, e.g. a timestamp not adjusted to
 * UTC), and the Parquet footers, read with the Parquet library Kernel uses, hold the documented Parquet types, with no
 * {@code part_id} column inside the files.
 */
class KernelReadsEveryColumnWithItsDocumentedTypeTest {

    @TempDir
    static Path dir;

    static ScenarioPond scenario;

    @BeforeAll
    static void makePond() {
        scenario = ScenarioPond.copyInto(dir);
    }

    /** Column → Delta type, nullable? (docs/format.md, the oplog table). */
    static final Map<String, StructField> DATA_DELTA_TYPES = fields(
            field("part_id", StringType.STRING, false),
            field("node_id", StringType.STRING, false),
            field("file_type", StringType.STRING, false),
            field("timestamp", TimestampType.TIMESTAMP, false),
            field("version", LongType.LONG, false),
            field("content", BinaryType.BINARY, true),
            field("sha256", StringType.STRING, true),
            field("size", LongType.LONG, true),
            field("min_event_time", LongType.LONG, true),
            field("max_event_time", LongType.LONG, true),
            field("extended_attributes", StringType.STRING, true),
            field("txn_seq", LongType.LONG, false));

    /** Column → Parquet type (docs/format.md, the oplog table); {@code part_id} is not in the files. */
    static final Map<String, String> DATA_PARQUET_TYPES = new LinkedHashMap<>();

    static {
        DATA_PARQUET_TYPES.put("node_id", "BYTE_ARRAY (UTF8)");
        DATA_PARQUET_TYPES.put("file_type", "BYTE_ARRAY (UTF8)");
        DATA_PARQUET_TYPES.put("timestamp", "INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true)");
        DATA_PARQUET_TYPES.put("version", "INT64 (INT_64)");
        DATA_PARQUET_TYPES.put("content", "BYTE_ARRAY");
        DATA_PARQUET_TYPES.put("sha256", "BYTE_ARRAY (UTF8)");
        DATA_PARQUET_TYPES.put("size", "INT64 (INT_64)");
        DATA_PARQUET_TYPES.put("min_event_time", "INT64 (INT_64)");
        DATA_PARQUET_TYPES.put("max_event_time", "INT64 (INT_64)");
        DATA_PARQUET_TYPES.put("extended_attributes", "BYTE_ARRAY (UTF8)");
        DATA_PARQUET_TYPES.put("txn_seq", "INT64 (INT_64)");
    }

    /** docs/format.md, the control table. */
    static final Map<String, StructField> CONTROL_DELTA_TYPES = fields(
            field("txn_seq", LongType.LONG, true),
            field("command", new ArrayType(StringType.STRING, true), false),
            field("outcome", StringType.STRING, false),
            field("user", StringType.STRING, false),
            field("host", StringType.STRING, false),
            field("pid", LongType.LONG, false),
            field("started", TimestampType.TIMESTAMP, false),
            field("ended", TimestampType.TIMESTAMP, false),
            field("pond_id", StringType.STRING, false),
            field("message", StringType.STRING, true));

    static final Map<String, String> CONTROL_PARQUET_TYPES = new LinkedHashMap<>();

    static {
        CONTROL_PARQUET_TYPES.put("txn_seq", "INT64 (INT_64)");
        CONTROL_PARQUET_TYPES.put("command", "LIST<BYTE_ARRAY (UTF8)>");
        CONTROL_PARQUET_TYPES.put("outcome", "BYTE_ARRAY (UTF8)");
        CONTROL_PARQUET_TYPES.put("user", "BYTE_ARRAY (UTF8)");
        CONTROL_PARQUET_TYPES.put("host", "BYTE_ARRAY (UTF8)");
        CONTROL_PARQUET_TYPES.put("pid", "INT64 (INT_64)");
        CONTROL_PARQUET_TYPES.put("started", "INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true)");
        CONTROL_PARQUET_TYPES.put("ended", "INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true)");
        CONTROL_PARQUET_TYPES.put("pond_id", "BYTE_ARRAY (UTF8)");
        CONTROL_PARQUET_TYPES.put("message", "BYTE_ARRAY (UTF8)");
    }

    @Test
    void kernelSeesTheDataTableColumnsWithTheirDeltaTypesAndReadsEveryFileWithThem() {
        Snapshot snapshot = KernelTables.latest(scenario.data());

        assertThat(fields(snapshot.getSchema())).containsExactlyEntriesOf(DATA_DELTA_TYPES);
        assertThat(KernelTables.batchSchemas(snapshot)).containsExactly(snapshot.getSchema());
    }

    @Test
    void kernelSeesTheControlTableColumnsWithTheirDeltaTypesAndReadsEveryFileWithThem() {
        Snapshot snapshot = KernelTables.latest(scenario.control());

        assertThat(fields(snapshot.getSchema())).containsExactlyEntriesOf(CONTROL_DELTA_TYPES);
        assertThat(KernelTables.batchSchemas(snapshot)).containsExactly(snapshot.getSchema());
    }

    @Test
    void everyDataFileHasTheDocumentedParquetTypesAndNoPartIdColumn() {
        List<Path> files = parquetFiles(scenario.data(), "part_id=");

        assertThat(files).hasSizeGreaterThan(100);
        assertThat(files).allSatisfy(f -> assertThat(parquetTypes(f)).as("%s", f)
                .containsExactlyEntriesOf(DATA_PARQUET_TYPES));
    }

    @Test
    void everyControlFileHasTheDocumentedParquetTypes() {
        List<Path> files = parquetFiles(scenario.control(), "part-");

        assertThat(files).hasSize((int) ScenarioPond.LAST_TXN + 2);
        assertThat(files).allSatisfy(f -> assertThat(parquetTypes(f)).as("%s", f)
                .containsExactlyEntriesOf(CONTROL_PARQUET_TYPES));
    }

    private static List<Path> parquetFiles(Path table, String prefix) {
        try (Stream<Path> all = Files.walk(table)) {
            return all.filter(p -> p.toString().endsWith(".parquet"))
                    .filter(p -> table.relativize(p).toString().startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Column → Parquet type, spelled as docs/format.md does, from the file's footer. */
    private static Map<String, String> parquetTypes(Path file) {
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            Map<String, String> types = new LinkedHashMap<>();
            for (Type t : reader.getFooter().getFileMetaData().getSchema().getFields()) {
                types.put(t.getName(), describe(t));
            }
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Type type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof ListLogicalTypeAnnotation) {
            // the three-level LIST: <list> repeated group list { element }
            return "LIST<" + describe(type.asGroupType().getType(0).asGroupType().getType(0)) + ">";
        }
        PrimitiveType primitive = type.asPrimitiveType();
        String physical = primitive.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
                ? "BYTE_ARRAY" : primitive.getPrimitiveTypeName().name();
        if (logical == null) {
            return physical;
        }
        if (logical instanceof StringLogicalTypeAnnotation) {
            return physical + " (UTF8)";
        }
        if (logical instanceof IntLogicalTypeAnnotation i && i.getBitWidth() == 64 && i.isSigned()) {
            return physical + " (INT_64)";
        }
        if (logical instanceof TimestampLogicalTypeAnnotation t) {
            return physical + " TIMESTAMP(" + t.getUnit() + ", isAdjustedToUTC=" + t.isAdjustedToUTC() + ")";
        }
        return physical + " " + logical;
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return new StructField(name, type, nullable);
    }

    private static Map<String, StructField> fields(StructField... fields) {
        Map<String, StructField> byName = new LinkedHashMap<>();
        for (StructField f : fields) {
            byName.put(f.getName(), f);
        }
        return byName;
    }

    private static Map<String, StructField> fields(StructType schema) {
        return fields(schema.fields().toArray(new StructField[0]));
    }
}
