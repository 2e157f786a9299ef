package id.lumbung.connectors.camel;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.connector.ConnectorControl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gauges read from the queues: the oldest message waiting, per agency, paused tenants left out. */
class ConnectorMetricsTest {
    @Test
    void theOldestWaitingMessageOfAnAgencyIsItsOldestOverTenantsThatAreNotPaused() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConnectorMetrics metrics = new ConnectorMetrics(registry);
        Instant now = Instant.now();
        metrics.refresh(
                List.of(
                        queue("DUKCAPIL", "7471", now.minusSeconds(600)),
                        queue("DUKCAPIL", "7401", now.minusSeconds(60)),
                        // Paused by an operator: its day-old message is a pause, not a stuck queue.
                        queue("DUKCAPIL", "7402", now.minusSeconds(86_400)),
                        queue("BANK", "7471", null)),
                List.of(new ConnectorControl.Pause(
                        "7402", "DUKCAPIL", ConnectorControl.PauseReason.OPERATOR, "kunci baru", null, now)));

        assertThat(registry.get("lumbung.connector.oldest.waiting.seconds")
                        .tag("agency", "DUKCAPIL")
                        .gauge()
                        .value())
                .isBetween(600.0, 660.0);
        assertThat(registry.find("lumbung.connector.oldest.waiting.seconds")
                        .tag("agency", "BANK")
                        .gauge())
                .isNull();
    }

    private static ConnectorControl.Queue queue(String agency, String tenant, Instant since) {
        return new ConnectorControl.Queue(agency, tenant, since == null ? 0 : 1, 0, 0, null, since);
    }
}
