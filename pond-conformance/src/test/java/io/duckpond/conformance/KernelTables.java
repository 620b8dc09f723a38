package io.duckpond.conformance;

import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Delta Kernel 4.4.0 with its default engine, as the reference reader: snapshots, the files a scan keeps, and the rows
 * of those files as Kernel presents them (partition values joined in by {@link Scan#transformPhysicalData}). Values
 * come back as Java values: string → String, long → Long, timestamp → Long (µs since the epoch, UTC), binary →
 * {@link Blob}, array&lt;string&gt; → List&lt;String&gt;, null → null.
 */
public final class KernelTables {
    private KernelTables() {}

    static final Engine ENGINE = DefaultEngine.create(new org.apache.hadoop.conf.Configuration());

    public static Snapshot latest(Path table) {
        return TableManager.loadSnapshot(table.toUri().toString()).build(ENGINE);
    }

    static Snapshot at(Path table, long version) {
        return TableManager.loadSnapshot(table.toUri().toString()).atVersion(version).build(ENGINE);
    }

    /** One file a scan keeps. {@code path} is relative to the table root and decoded. */
    record ScanFile(String path, Map<String, String> partitionValues, long size) {}

    static List<ScanFile> scanFiles(Snapshot snapshot, Optional<Predicate> filter) {
        List<ScanFile> files = new ArrayList<>();
        forEachScanFile(snapshot, filter, (scanState, scanFile) -> files.add(scanFile(snapshot, scanFile)));
        return files;
    }

    /** Every row of every file the scan keeps, by file (relative path). Kernel does not filter rows inside a file. */
    static Map<String, List<Map<String, Object>>> rowsByFile(Snapshot snapshot, Optional<Predicate> filter) {
        Map<String, List<Map<String, Object>>> out = new TreeMap<>();
        forEachScanFile(snapshot, filter, (scanState, scanFile) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            forEachBatch(scanState, scanFile, batch -> {
                try (CloseableIterator<Row> batchRows = batch.getRows()) {
                    batchRows.forEachRemaining(r -> rows.add(values(r)));
                }
            });
            out.put(scanFile(snapshot, scanFile).path(), rows);
        });
        return out;
    }

    /** The schemas of the batches Kernel reads from the table's files (partition values joined in). */
    static Set<StructType> batchSchemas(Snapshot snapshot) {
        Set<StructType> schemas = new HashSet<>();
        forEachScanFile(snapshot, Optional.empty(), (scanState, scanFile) ->
                forEachBatch(scanState, scanFile, batch -> schemas.add(batch.getData().getSchema())));
        return schemas;
    }

    /** Reads one data file: Parquet through the engine, then Kernel's physical-to-logical transformation. */
    private static void forEachBatch(Row scanState, Row scanFile, IoConsumer<FilteredColumnarBatch> consumer) {
        FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
        try (CloseableIterator<ColumnarBatch> data = ENGINE.getParquetHandler()
                .readParquetFiles(Utils.singletonCloseableIterator(status), physical, Optional.empty())
                .map(FileReadResult::getData);
                CloseableIterator<FilteredColumnarBatch> logical =
                        Scan.transformPhysicalData(ENGINE, scanState, scanFile, data)) {
            while (logical.hasNext()) {
                consumer.accept(logical.next());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }

    public static List<Map<String, Object>> rows(Snapshot snapshot, Optional<Predicate> filter) {
        return rowsByFile(snapshot, filter).values().stream().flatMap(List::stream).toList();
    }

    private interface ScanFileConsumer {
        void accept(Row scanState, Row scanFile);
    }

    private static void forEachScanFile(Snapshot snapshot, Optional<Predicate> filter, ScanFileConsumer consumer) {
        ScanBuilder builder = snapshot.getScanBuilder();
        if (filter.isPresent()) {
            builder = builder.withFilter(filter.get());
        }
        Scan scan = builder.build();
        Row scanState = scan.getScanState(ENGINE);
        try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(ENGINE)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> scanFiles = batches.next().getRows()) {
                    scanFiles.forEachRemaining(f -> consumer.accept(scanState, f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ScanFile scanFile(Snapshot snapshot, Row scanFile) {
        FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
        Path root = Path.of(URI.create(snapshot.getPath()));
        String relative = root.relativize(Path.of(URI.create(status.getPath()))).toString();
        return new ScanFile(relative, InternalScanFileUtils.getPartitionValues(scanFile), status.getSize());
    }

    /** A row as column name → Java value, typed by the row's schema. */
    static Map<String, Object> values(Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<StructField> fields = row.getSchema().fields();
        for (int i = 0; i < fields.size(); i++) {
            values.put(fields.get(i).getName(), row.isNullAt(i) ? null : value(row, i, fields.get(i).getDataType()));
        }
        return values;
    }

    private static Object value(Row row, int i, DataType type) {
        if (type instanceof StringType) {
            return row.getString(i);
        }
        if (type instanceof LongType || type instanceof TimestampType) {
            return row.getLong(i);
        }
        if (type instanceof BinaryType) {
            return new Blob(row.getBinary(i));
        }
        if (type instanceof ArrayType array && array.getElementType() instanceof StringType) {
            ArrayValue value = row.getArray(i);
            ColumnVector elements = value.getElements();
            List<String> list = new ArrayList<>();
            for (int e = 0; e < value.getSize(); e++) {
                list.add(elements.isNullAt(e) ? null : elements.getString(e));
            }
            return list;
        }
        throw new IllegalArgumentException("no Java value for Delta type " + type);
    }
}
