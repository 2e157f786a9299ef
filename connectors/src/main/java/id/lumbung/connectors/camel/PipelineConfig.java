package id.lumbung.connectors.camel;

import java.time.Duration;
import java.time.ZoneId;

/**
 * An agency's configuration that carries its {@link PipelineSettings} (each agency's settings
 * record implements it, with its own defaults); an agency without quotas of ours keeps the
 * default ones.
 */
public interface PipelineConfig {
    Duration pollInterval();

    int batchSize();

    Duration lease();

    int concurrency();

    double ratePerSecond();

    /** Calls one tenant may make a day; none of ours by default. */
    default int quotaPerTenantPerDay() {
        return 0;
    }

    /** Where quotas reset at midnight: the agencies' time, WIB. */
    default ZoneId quotaZone() {
        return ZoneId.of("Asia/Jakarta");
    }

    int redeliveries();

    Duration redeliveryDelay();

    int breakerMinimumCalls();

    int breakerWindow();

    float breakerFailureRate();

    Duration breakerOpenFor();

    Duration maxRetryDelay();

    int maxAttempts();

    /** How the exchanges run. */
    default PipelineSettings pipeline() {
        return new PipelineSettings(
                pollInterval(),
                batchSize(),
                lease(),
                concurrency(),
                ratePerSecond(),
                quotaPerTenantPerDay(),
                quotaZone(),
                redeliveries(),
                redeliveryDelay(),
                breakerMinimumCalls(),
                breakerWindow(),
                breakerFailureRate(),
                breakerOpenFor(),
                maxRetryDelay(),
                maxAttempts());
    }
}
