package id.lumbung.core.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation that needs no verb of the matrix — logging in, a bank's signed notification,
 * reference data — with the reason why, so that it is a decision and not an omission.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Public {
    /** Why the operation needs no permission. */
    String value();
}
