package io.duckpond.tinyfs.arrow;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Arrow schema of a Java record, and conversion of records to and from Arrow batches. One column per component,
 * in declaration order; primitives are non-null, everything else nullable.
 *
 * <table>
 *   <caption>Java to Arrow</caption>
 *   <tr><td>boolean</td><td>Bool</td></tr>
 *   <tr><td>byte, short, int, long</td><td>Int(8, 16, 32, 64)</td></tr>
 *   <tr><td>float, double</td><td>FloatingPoint(SINGLE, DOUBLE)</td></tr>
 *   <tr><td>BigDecimal</td><td>Decimal(precision, scale) from {@link ArrowDecimal}, default (38, 9)</td></tr>
 *   <tr><td>String</td><td>Utf8</td></tr>
 *   <tr><td>byte[]</td><td>Binary</td></tr>
 *   <tr><td>LocalDate</td><td>Date(DAY)</td></tr>
 *   <tr><td>Instant</td><td>Timestamp(unit, zone) from {@link ArrowTimestamp}, default (MICROSECOND, UTC)</td></tr>
 *   <tr><td>LocalDateTime</td><td>Timestamp(unit, no zone)</td></tr>
 * </table>
 *
 * Reading is lenient where a round trip through Parquet changes the Arrow type but not the value: any integer width,
 * any timestamp unit, dates in days or milliseconds.
 */
public final class RecordSchema<R extends Record> {

    private final Class<R> type;
    private final RecordComponent[] components;
    private final Schema schema;
    private final Constructor<R> constructor;

    private RecordSchema(Class<R> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        List<Field> fields = new ArrayList<>();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            fields.add(field(components[i]));
            parameterTypes[i] = components[i].getType();
            // Records nested in other classes (often package-private) are read like public ones.
            components[i].getAccessor().setAccessible(true);
        }
        this.schema = new Schema(fields);
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type + " has no canonical constructor", e);
        }
    }

    public static <R extends Record> RecordSchema<R> of(Class<R> type) {
        return new RecordSchema<>(type);
    }

    public Schema schema() {
        return schema;
    }

    private static Field field(RecordComponent c) {
        Class<?> t = c.getType();
        boolean nullable = !t.isPrimitive();
        ArrowType arrow;
        if (t == boolean.class || t == Boolean.class) {
            arrow = ArrowType.Bool.INSTANCE;
        } else if (t == byte.class || t == Byte.class) {
            arrow = new ArrowType.Int(8, true);
        } else if (t == short.class || t == Short.class) {
            arrow = new ArrowType.Int(16, true);
        } else if (t == int.class || t == Integer.class) {
            arrow = new ArrowType.Int(32, true);
        } else if (t == long.class || t == Long.class) {
            arrow = new ArrowType.Int(64, true);
        } else if (t == float.class || t == Float.class) {
            arrow = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
        } else if (t == double.class || t == Double.class) {
            arrow = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        } else if (t == BigDecimal.class) {
            ArrowDecimal d = c.getAnnotation(ArrowDecimal.class);
            arrow = new ArrowType.Decimal(d == null ? 38 : d.precision(), d == null ? 9 : d.scale(), 128);
        } else if (t == String.class) {
            arrow = ArrowType.Utf8.INSTANCE;
        } else if (t == byte[].class) {
            arrow = ArrowType.Binary.INSTANCE;
        } else if (t == LocalDate.class) {
            arrow = new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY);
        } else if (t == Instant.class || t == LocalDateTime.class) {
            ArrowTimestamp ts = c.getAnnotation(ArrowTimestamp.class);
            TimeUnit unit = ts == null ? TimeUnit.MICROSECOND : ts.unit();
            String zone = t == LocalDateTime.class ? null : ts == null ? "UTC" : ts.zone();
            arrow = new ArrowType.Timestamp(unit, zone);
        } else {
            throw new IllegalArgumentException("no Arrow type for " + c.getName() + " of type " + t.getName());
        }
        return new Field(c.getName(), new FieldType(nullable, arrow, null), null);
    }

    /** One batch holding {@code rows}; the caller closes it. */
    public VectorSchemaRoot toBatch(List<R> rows, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
            root.allocateNew();
            for (int i = 0; i < components.length; i++) {
                FieldVector vector = root.getVector(i);
                for (int r = 0; r < rows.size(); r++) {
                    set(vector, r, read(components[i], rows.get(r)));
                }
                vector.setValueCount(rows.size());
            }
            root.setRowCount(rows.size());
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    /** The rows of a batch, columns matched by name. */
    public List<R> fromBatch(VectorSchemaRoot batch) {
        FieldVector[] vectors = new FieldVector[components.length];
        for (int i = 0; i < components.length; i++) {
            vectors[i] = batch.getVector(components[i].getName());
            if (vectors[i] == null) {
                throw new IllegalArgumentException("the batch has no column '" + components[i].getName() + "' for "
                        + type.getSimpleName() + " (columns: " + batch.getSchema().getFields() + ")");
            }
        }
        List<R> out = new ArrayList<>(batch.getRowCount());
        Object[] values = new Object[components.length];
        for (int r = 0; r < batch.getRowCount(); r++) {
            for (int i = 0; i < components.length; i++) {
                values[i] = get(vectors[i], r, components[i]);
            }
            try {
                out.add(constructor.newInstance(values));
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot build " + type.getSimpleName() + " from row " + r, e);
            }
        }
        return out;
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }

    private static void set(FieldVector v, int row, Object value) {
        if (value == null) {
            v.setNull(row);
        } else if (v instanceof BitVector b) {
            b.setSafe(row, (Boolean) value ? 1 : 0);
        } else if (v instanceof TinyIntVector i) {
            i.setSafe(row, (Byte) value);
        } else if (v instanceof SmallIntVector i) {
            i.setSafe(row, (Short) value);
        } else if (v instanceof IntVector i) {
            i.setSafe(row, (Integer) value);
        } else if (v instanceof BigIntVector i) {
            i.setSafe(row, (Long) value);
        } else if (v instanceof Float4Vector f) {
            f.setSafe(row, (Float) value);
        } else if (v instanceof Float8Vector f) {
            f.setSafe(row, (Double) value);
        } else if (v instanceof DecimalVector d) {
            d.setSafe(row, ((BigDecimal) value).setScale(d.getScale(), RoundingMode.UNNECESSARY));
        } else if (v instanceof VarCharVector s) {
            s.setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof VarBinaryVector b) {
            b.setSafe(row, (byte[]) value);
        } else if (v instanceof DateDayVector d) {
            d.setSafe(row, Math.toIntExact(((LocalDate) value).toEpochDay()));
        } else if (v instanceof TimeStampVector t) {
            Instant instant = value instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC) : (Instant) value;
            t.setSafe(row, Timestamps.fromInstant(instant, ((ArrowType.Timestamp) t.getField().getType()).getUnit()));
        } else {
            throw new IllegalArgumentException("unsupported vector " + v.getClass().getSimpleName());
        }
    }

    private static Object get(FieldVector v, int row, RecordComponent c) {
        if (v.isNull(row)) {
            if (c.getType().isPrimitive()) {
                throw new IllegalArgumentException("column '" + c.getName() + "' is null in row " + row
                        + " but " + c.getType() + " cannot be null; use the boxed type");
            }
            return null;
        }
        Class<?> t = c.getType();
        if (t == boolean.class || t == Boolean.class) {
            return ((BitVector) v).get(row) != 0;
        }
        if (t == String.class) {
            return new String(((VarCharVector) v).get(row), StandardCharsets.UTF_8);
        }
        if (t == byte[].class) {
            return ((VarBinaryVector) v).get(row);
        }
        if (t == BigDecimal.class) {
            return ((DecimalVector) v).getObject(row);
        }
        if (t == LocalDate.class) {
            return v instanceof DateMilliVector m ? LocalDate.ofEpochDay(Math.floorDiv(m.get(row), 86_400_000L))
                    : LocalDate.ofEpochDay(((DateDayVector) v).get(row));
        }
        if (t == Instant.class || t == LocalDateTime.class) {
            TimeStampVector ts = (TimeStampVector) v;
            Instant instant = Timestamps.toInstant(ts.get(row), ((ArrowType.Timestamp) ts.getField().getType()).getUnit());
            return t == Instant.class ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (t == float.class || t == Float.class) {
            return ((Float4Vector) v).get(row);
        }
        if (t == double.class || t == Double.class) {
            return ((Float8Vector) v).get(row);
        }
        Number n = (Number) v.getObject(row);
        if (t == byte.class || t == Byte.class) {
            return n.byteValue();
        }
        if (t == short.class || t == Short.class) {
            return n.shortValue();
        }
        if (t == int.class || t == Integer.class) {
            return n.intValue();
        }
        return n.longValue();
    }
}
