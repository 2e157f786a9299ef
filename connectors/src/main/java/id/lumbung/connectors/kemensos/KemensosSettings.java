package id.lumbung.connectors.kemensos;

import id.lumbung.connectors.camel.PipelineConfig;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The Kemensos (SIKS-NG) file-exchange connector ({@code lumbung.connectors.kemensos.*}). Each
 * tenant has its own account at the ministry: its key under {@code
 * lumbung.connectors.kemensos.tenants.<tenant id>.key} ({@link KemensosAccount}, a secret from
 * the environment). Without a base URL the in-process simulator stands in (demo and tests).
 *
 * @param baseUrl the ministry's file exchange; requests go to {@code /siksng/v1/{tenant}/…}
 * @param pollInterval how often the outbox is polled
 * @param batchSize messages one poll claims
 * @param lease how long a claimed exchange is reserved (a whole upload or every file of a fetch)
 * @param concurrency exchanges at once
 * @param ratePerSecond requests a second, each download counted
 * @param requestTimeout one request's timeout (files are large)
 * @param redeliveries quick retries of one exchange
 * @param redeliveryDelay first delay between quick retries
 * @param breakerMinimumCalls exchanges in the window before the breaker may open
 * @param breakerWindow exchanges the breaker looks back on
 * @param breakerFailureRate percentage of failed exchanges that opens the breaker
 * @param breakerOpenFor how long it stays open before a probe
 * @param maxRetryDelay the longest wait between two tries
 * @param maxAttempts tries before an exchange is a dead letter
 */
@ConfigurationProperties("lumbung.connectors.kemensos")
public record KemensosSettings(
        @Nullable String baseUrl,
        @Bindable(defaultValue = "1s") Duration pollInterval,
        @Bindable(defaultValue = "4") int batchSize,
        @Bindable(defaultValue = "15m") Duration lease,
        @Bindable(defaultValue = "2") int concurrency,
        @Bindable(defaultValue = "5") double ratePerSecond,
        @Bindable(defaultValue = "120s") Duration requestTimeout,
        @Bindable(defaultValue = "2") int redeliveries,
        @Bindable(defaultValue = "1s") Duration redeliveryDelay,
        @Bindable(defaultValue = "4") int breakerMinimumCalls,
        @Bindable(defaultValue = "8") int breakerWindow,
        @Bindable(defaultValue = "50") float breakerFailureRate,
        @Bindable(defaultValue = "60s") Duration breakerOpenFor,
        @Bindable(defaultValue = "15m") Duration maxRetryDelay,
        @Bindable(defaultValue = "60") int maxAttempts)
        implements PipelineConfig {}
