package io.duckpond.tinyfs.arrow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apache.arrow.vector.types.TimeUnit;

/**
 * Unit and zone of a timestamp component. {@link java.time.Instant} defaults to microseconds in UTC; a
 * {@link java.time.LocalDateTime} is a timestamp without zone and ignores {@link #zone}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface ArrowTimestamp {
    TimeUnit unit() default TimeUnit.MICROSECOND;

    String zone() default "UTC";
}
