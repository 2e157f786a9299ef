package id.lumbung.core.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The verb an operation needs, declared where the operation is (a controller method): what the
 * access test, generated from the OpenAPI, tries every role against. The {@link Authorizer}
 * decides; this names its decision, so an operation without it fails the build.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Permits {
    /** The verbs the operation needs, all of them. */
    Permission[] value();

    /** Another set of verbs that suffices instead (all of them), e.g. onboarding's narrower right. */
    Permission[] orElse() default {};
}
