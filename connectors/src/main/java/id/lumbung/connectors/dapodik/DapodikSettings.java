package id.lumbung.connectors.dapodik;

import id.lumbung.connectors.camel.PipelineConfig;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The Dapodik connector ({@code lumbung.connectors.dapodik.*}); the schools themselves are
 * {@link DapodikSchool}s. Each school runs its own Dapodik server, often a PC switched off after
 * school hours: a school that does not answer waits in the outbox (up to {@code maxRetryDelay}
 * between tries, for {@code maxAttempts} tries — about a day), while the breaker, shared by all
 * schools, opens only when nearly every school fails at once (our own link is down).
 *
 * @param pageSize students asked per page ({@code limit})
 * @param maximumStudents students read from one school at most (a wrong answer cannot grow without end)
 * @param pollInterval how often the outbox is polled
 * @param batchSize messages one poll claims
 * @param lease how long a claimed pull is reserved (a whole school, every page)
 * @param concurrency schools read at once
 * @param ratePerSecond requests a second, every page counted
 * @param requestTimeout one page's timeout
 * @param redeliveries quick retries of one pull
 * @param redeliveryDelay first delay between quick retries
 * @param breakerMinimumCalls pulls in the window before the breaker may open
 * @param breakerWindow pulls the breaker looks back on
 * @param breakerFailureRate percentage of failed pulls that opens the breaker
 * @param breakerOpenFor how long it stays open before a probe
 * @param maxRetryDelay the longest wait between two tries of a school
 * @param maxAttempts tries of one pull before it is a dead letter
 */
@ConfigurationProperties("lumbung.connectors.dapodik")
public record DapodikSettings(
        @Bindable(defaultValue = "100") int pageSize,
        @Bindable(defaultValue = "20000") int maximumStudents,
        @Bindable(defaultValue = "1s") Duration pollInterval,
        @Bindable(defaultValue = "8") int batchSize,
        @Bindable(defaultValue = "10m") Duration lease,
        @Bindable(defaultValue = "4") int concurrency,
        @Bindable(defaultValue = "10") double ratePerSecond,
        @Bindable(defaultValue = "30s") Duration requestTimeout,
        @Bindable(defaultValue = "2") int redeliveries,
        @Bindable(defaultValue = "500ms") Duration redeliveryDelay,
        @Bindable(defaultValue = "10") int breakerMinimumCalls,
        @Bindable(defaultValue = "20") int breakerWindow,
        @Bindable(defaultValue = "90") float breakerFailureRate,
        @Bindable(defaultValue = "30s") Duration breakerOpenFor,
        @Bindable(defaultValue = "30m") Duration maxRetryDelay,
        @Bindable(defaultValue = "60") int maxAttempts)
        implements PipelineConfig {}
