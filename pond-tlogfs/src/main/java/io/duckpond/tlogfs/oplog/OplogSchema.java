package io.duckpond.tlogfs.oplog;

import io.duckpond.tlogfs.delta.Column;
import io.duckpond.tlogfs.delta.DeltaType;
import io.duckpond.tlogfs.delta.TableSchema;
import java.util.List;

/** The oplog's columns (docs/format.md has the type table; a test asserts the Parquet types). */
public final class OplogSchema {
    private OplogSchema() {}

    public static final String PART_ID = "part_id";

    public static final TableSchema SCHEMA = new TableSchema(List.of(
            Column.required(PART_ID, DeltaType.STRING),
            Column.required("node_id", DeltaType.STRING),
            Column.required("file_type", DeltaType.STRING),
            Column.required("timestamp", DeltaType.TIMESTAMP),
            Column.required("version", DeltaType.LONG),
            Column.optional("content", DeltaType.BINARY),
            Column.optional("sha256", DeltaType.STRING),
            Column.optional("size", DeltaType.LONG),
            Column.optional("min_event_time", DeltaType.LONG),
            Column.optional("max_event_time", DeltaType.LONG),
            Column.optional("extended_attributes", DeltaType.STRING),
            Column.required("txn_seq", DeltaType.LONG)),
            List.of(PART_ID));

    /** The extended attribute naming a series' timestamp column. */
    public static final String TIMESTAMP_COLUMN_ATTRIBUTE = "duckpond.timestamp_column";

    /**
     * The extended attribute holding a table or series version's columns, as a JSON object of name to DuckDB type, so
     * readers can check versions agree without opening them.
     */
    public static final String SCHEMA_ATTRIBUTE = "duckpond.schema";

    /** The version columns read back for a file or symlink (everything but the content). */
    static final String VERSION_COLUMNS = "node_id, file_type, version, txn_seq, epoch_us(\"timestamp\") AS timestamp_us, "
            + "sha256, size, min_event_time, max_event_time, extended_attributes";
}
