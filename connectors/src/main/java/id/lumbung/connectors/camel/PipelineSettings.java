package id.lumbung.connectors.camel;

import java.time.Duration;
import java.time.ZoneId;

/**
 * How one agency's exchanges run (every agency has its own, from its configuration).
 *
 * @param pollInterval how often the outbox is polled for due messages
 * @param batchSize how many messages one poll claims at most
 * @param lease how long a claimed message is reserved for this worker (then claimed again)
 * @param concurrency calls in flight at once
 * @param ratePerSecond the agency's rate limit for this process
 * @param quotaPerTenantPerDay calls one tenant may make a day (0: no quota of ours)
 * @param quotaZone the time zone in which quotas reset at midnight (the agencies': WIB)
 * @param redeliveries quick retries of one call before it counts as a failure for the breaker
 * @param redeliveryDelay the first delay between quick retries (doubled each time, with jitter)
 * @param breakerMinimumCalls calls in the window before the breaker may open (a low-volume link needs few)
 * @param breakerWindow the number of calls the breaker looks back on
 * @param breakerFailureRate percentage of failed calls that opens the breaker
 * @param breakerOpenFor how long the breaker stays open before a probe call
 * @param maxRetryDelay the longest wait between two claims of the same message
 * @param maxAttempts claims of one message before it becomes a dead letter
 */
public record PipelineSettings(
        Duration pollInterval,
        int batchSize,
        Duration lease,
        int concurrency,
        double ratePerSecond,
        int quotaPerTenantPerDay,
        ZoneId quotaZone,
        int redeliveries,
        Duration redeliveryDelay,
        int breakerMinimumCalls,
        int breakerWindow,
        float breakerFailureRate,
        Duration breakerOpenFor,
        Duration maxRetryDelay,
        int maxAttempts) {}
