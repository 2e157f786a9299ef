package id.lumbung.connectors.dukcapil;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * Dukcapil's connector exists when it has somewhere to call: {@code DUKCAPIL_BASE_URL}, or the
 * simulator of demo mode. Left unconfigured, a worker starts without it (its messages wait in the
 * outbox) instead of failing — a regency's IT may install before its agreement with Dukcapil.
 */
public final class DukcapilConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
        return configured(
                context.getProperty("lumbung.connectors.dukcapil.base-url", String.class)
                        .orElse(""),
                context.getProperty("lumbung.simulators.enabled", Boolean.class).orElse(false));
    }

    static boolean configured(String baseUrl, boolean simulators) {
        return !baseUrl.isBlank() || simulators;
    }
}
