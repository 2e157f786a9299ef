package id.lumbung.connectors.camel;

import id.lumbung.core.connector.ConnectorControl;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Prometheus metrics of the connectors, per agency and tenant: calls by outcome, breaker state,
 * calls in flight, and (refreshed by the connectors' status) queue depth, dead letters and pauses.
 */
@Singleton
public final class ConnectorMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final MultiGauge depth;
    private final MultiGauge dead;
    private final MultiGauge paused;
    private final MultiGauge oldestWaiting;

    ConnectorMetrics(@Nullable MeterRegistry registry) {
        this.registry = registry == null ? new SimpleMeterRegistry() : registry;
        this.depth = MultiGauge.builder("lumbung.connector.queue.depth")
                .description("Messages waiting for an agency, per tenant")
                .register(this.registry);
        this.dead = MultiGauge.builder("lumbung.connector.dead.letters")
                .description("Dead letters not retried, per agency and tenant")
                .register(this.registry);
        this.paused = MultiGauge.builder("lumbung.connector.paused")
                .description("1 while an agency's connector is paused for a tenant")
                .register(this.registry);
        this.oldestWaiting = MultiGauge.builder("lumbung.connector.oldest.waiting.seconds")
                .description("Age of the oldest message due to an agency (paused tenants left out)")
                .register(this.registry);
    }

    /** Outcomes of a call, as counted. */
    public enum Outcome {
        SUCCESS,
        NEGATIVE,
        TRANSPORT_ERROR,
        CONFIGURATION_ERROR,
        UNAVAILABLE,
        BAD_REQUEST,
        REJECTED,
        INTERNAL_ERROR,
        NOT_PERMITTED_BY_BREAKER,
        DUPLICATE_RESULT
    }

    void count(String agency, String tenantId, Outcome outcome) {
        String key = agency + '|' + tenantId + '|' + outcome;
        counters.computeIfAbsent(key, ignored -> Counter.builder("lumbung.connector.calls")
                        .description("Calls to an agency by outcome")
                        .tags(
                                "agency",
                                agency,
                                "tenant",
                                tenantId,
                                "outcome",
                                outcome.name().toLowerCase())
                        .register(registry))
                .increment();
    }

    void breaker(String agency, Supplier<Number> state, Supplier<Number> inFlight) {
        Gauge.builder("lumbung.connector.breaker.state", state)
                .description("0 closed, 1 open, 2 half-open")
                .tags("agency", agency)
                .register(registry);
        Gauge.builder("lumbung.connector.in.flight", inFlight)
                .description("Calls in flight")
                .tags("agency", agency)
                .register(registry);
    }

    /** Refreshes the per-tenant gauges from the queues and pauses just read. */
    public void refresh(List<ConnectorControl.Queue> queues, List<ConnectorControl.Pause> pauses) {
        depth.register(
                queues.stream()
                        .map(queue -> MultiGauge.Row.of(
                                Tags.of("agency", queue.agency(), "tenant", queue.tenantId()), queue.waiting()))
                        .toList(),
                true);
        dead.register(
                queues.stream()
                        .map(queue -> MultiGauge.Row.of(
                                Tags.of("agency", queue.agency(), "tenant", queue.tenantId()), queue.deadLetters()))
                        .toList(),
                true);
        paused.register(
                pauses.stream()
                        .map(pause ->
                                MultiGauge.Row.of(Tags.of("agency", pause.agency(), "tenant", pause.tenantId()), 1))
                        .toList(),
                true);
        // A paused tenant's wait is a pause, shown as such: left out of the age that alerts.
        Set<String> pausedQueues = pauses.stream()
                .map(pause -> pause.agency() + '|' + pause.tenantId())
                .collect(Collectors.toSet());
        Instant now = Instant.now();
        Map<String, Double> oldest = new TreeMap<>();
        for (ConnectorControl.Queue queue : queues) {
            if (queue.oldestWaitingSince() != null && !pausedQueues.contains(queue.agency() + '|' + queue.tenantId())) {
                oldest.merge(
                        queue.agency(),
                        Duration.between(queue.oldestWaitingSince(), now).toMillis() / 1000.0,
                        Math::max);
            }
        }
        oldestWaiting.register(
                oldest.entrySet().stream()
                        .map(entry -> MultiGauge.Row.of(Tags.of("agency", entry.getKey()), entry.getValue()))
                        .toList(),
                true);
    }
}
