package id.lumbung.connectors.camel;

import id.lumbung.core.connector.ConnectorControl;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the queues and pauses of every tenant every 15 s into the Prometheus gauges. */
@Singleton
@Requires(property = "lumbung.connectors.worker.enabled", notEquals = "false")
final class ConnectorGauges {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorGauges.class);

    private final ConnectorControl control;
    private final ConnectorMetrics metrics;

    ConnectorGauges(ConnectorControl control, ConnectorMetrics metrics) {
        this.control = control;
        this.metrics = metrics;
    }

    @Scheduled(initialDelay = "15s", fixedDelay = "15s")
    void refresh() {
        try {
            metrics.refresh(control.queues(null), control.pauses(null));
        } catch (RuntimeException e) {
            LOG.warn("Connector gauges not refreshed: {}", e.getMessage());
        }
    }
}
