package dev.sluice.testbed;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Picks the guest a {@link Testbed} parameter is resolved from. On a test class it applies to
 * every {@code Testbed} parameter of the class (so one abstract test class can run on every
 * OpenZFS series through tiny subclasses); on a parameter it wins. Default: 2.3.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.PARAMETER})
@Inherited
public @interface OnChannel {
    Channel value();
}
