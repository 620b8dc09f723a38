package io.duckpond.tinyfs.arrow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Precision and scale of a {@link java.math.BigDecimal} record component (default 38, 9). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface ArrowDecimal {
    int precision();

    int scale();
}
