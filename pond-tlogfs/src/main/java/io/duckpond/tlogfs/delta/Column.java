package io.duckpond.tlogfs.delta;

/** One column of a Delta table. */
public record Column(String name, DeltaType type, Nullability nullability) {

    /** Whether a column may hold nulls. */
    public enum Nullability {
        REQUIRED,
        OPTIONAL
    }

    public static Column required(String name, DeltaType type) {
        return new Column(name, type, Nullability.REQUIRED);
    }

    public static Column optional(String name, DeltaType type) {
        return new Column(name, type, Nullability.OPTIONAL);
    }

    public boolean isNullable() {
        return nullability == Nullability.OPTIONAL;
    }
}
