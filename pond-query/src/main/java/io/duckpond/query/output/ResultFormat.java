package io.duckpond.query.output;

/** How query results are printed. */
public enum ResultFormat {
    /** A boxed table with column types, for people; long results show their first and last rows. */
    TABLE,
    CSV,
    /** One JSON array. */
    JSON,
    /** One JSON object per line. */
    JSONL,
    PARQUET
}
