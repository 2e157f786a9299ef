package id.lumbung.connectors.dukcapil;

import id.lumbung.connectors.camel.PipelineConfig;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The Dukcapil connector ({@code lumbung.connectors.dukcapil.*}). Without a base URL the
 * connector talks to the in-process simulator, when one runs. A tenant with its own agreement
 * has its own credentials under {@code lumbung.connectors.dukcapil.tenants.<tenant id>.*}
 * ({@link DukcapilTenantCredentials}).
 *
 * @param baseUrl e.g. {@code https://dukcapil.example.go.id:8443}; requests go to {@code /dukcapil/get_json/{institution}/CALL_NIK}
 * @param institution the institution segment of the path agreed in the PKS
 * @param userId the institution's user id (a secret: from the environment)
 * @param password the institution's password (a secret: from the environment)
 * @param ipUser the client IP registered with Dukcapil
 * @param threshold the similarity (80–95) from which Dukcapil calls a fuzzy element "Sesuai"
 * @param pollInterval how often the outbox is polled
 * @param batchSize how many messages one poll claims
 * @param lease how long a claimed message is reserved for this worker
 * @param concurrency calls in flight at once
 * @param ratePerSecond Dukcapil's rate limit for this process
 * @param quotaPerTenantPerDay calls one tenant may make a day (0: none of ours; Dukcapil has its own)
 * @param quotaZone where quotas reset at midnight
 * @param requestTimeout the timeout of one HTTP call
 * @param redeliveries quick retries of one call before the circuit breaker counts a failure
 * @param redeliveryDelay first delay between quick retries (doubled each time, with jitter)
 * @param breakerMinimumCalls calls in the window before the breaker may open (a low-volume link needs few)
 * @param breakerWindow calls the breaker looks back on
 * @param breakerFailureRate percentage of failed calls that opens the breaker
 * @param breakerOpenFor how long the breaker stays open before a probe call
 * @param maxRetryDelay the longest wait between two claims of the same message
 * @param maxAttempts claims of one message before it fails for an operator to look at
 */
@ConfigurationProperties("lumbung.connectors.dukcapil")
public record DukcapilSettings(
        @Nullable String baseUrl,
        @Bindable(defaultValue = "kemensos") String institution,
        @Nullable String userId,
        @Nullable String password,
        @Bindable(defaultValue = "127.0.0.1") String ipUser,
        @Bindable(defaultValue = "85") int threshold,
        @Bindable(defaultValue = "250ms") Duration pollInterval,
        @Bindable(defaultValue = "20") int batchSize,
        @Bindable(defaultValue = "60s") Duration lease,
        @Bindable(defaultValue = "16") int concurrency,
        @Bindable(defaultValue = "20") double ratePerSecond,
        @Bindable(defaultValue = "0") int quotaPerTenantPerDay,
        @Bindable(defaultValue = "Asia/Jakarta") ZoneId quotaZone,
        @Bindable(defaultValue = "10s") Duration requestTimeout,
        @Bindable(defaultValue = "2") int redeliveries,
        @Bindable(defaultValue = "200ms") Duration redeliveryDelay,
        @Bindable(defaultValue = "5") int breakerMinimumCalls,
        @Bindable(defaultValue = "10") int breakerWindow,
        @Bindable(defaultValue = "50") float breakerFailureRate,
        @Bindable(defaultValue = "10s") Duration breakerOpenFor,
        @Bindable(defaultValue = "60s") Duration maxRetryDelay,
        @Bindable(defaultValue = "50") int maxAttempts)
        implements PipelineConfig {}
