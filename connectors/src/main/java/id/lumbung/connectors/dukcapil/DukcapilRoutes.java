package id.lumbung.connectors.dukcapil;

import id.lumbung.connectors.camel.AgencyException;
import id.lumbung.connectors.camel.AgencyPipeline;
import id.lumbung.connectors.camel.ConnectorMetrics;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.nikcheck.NikCheckRequest;
import id.lumbung.core.nikcheck.NikCheckResult;
import id.lumbung.core.nikcheck.NikCheckService;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox → Dukcapil, through the shared {@link AgencyPipeline}: NIK checks are decrypted for the
 * call only, and the answer ("Data Tidak Ditemukan" included) is written back once per message.
 */
@Singleton
final class DukcapilRoutes extends AgencyPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(DukcapilRoutes.class);

    private final DukcapilClient client;
    private final NikCheckService nikChecks;

    DukcapilRoutes(
            DukcapilSettings settings,
            DukcapilClient client,
            Outbox outbox,
            ConnectorControl control,
            ConnectorMetrics metrics,
            NikCheckService nikChecks) {
        super(NikCheckRequest.AGENCY, settings.pipeline(), outbox, control, metrics);
        this.client = client;
        this.nikChecks = nikChecks;
    }

    @Override
    protected Object call(OutboxMessage message) throws AgencyException {
        return client.checkNik(message.tenantId(), nikChecks.nikToCheck(message).value());
    }

    @Override
    protected boolean record(OutboxMessage message, Object answer) {
        NikCheckResult result = (NikCheckResult) answer;
        boolean applied = nikChecks.recordResult(message, result);
        if (applied) {
            // The check's id and Dukcapil's result code only: the NIK itself never reaches a log.
            LOG.info("NIK check {} of tenant {}: {}", message.aggregateId(), message.tenantId(), result.name());
        }
        return applied;
    }

    @Override
    protected void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
        nikChecks.recordRetry(message, delay, reason, giveUp);
    }

    @Override
    protected boolean negative(Object answer) {
        return answer != NikCheckResult.FOUND;
    }
}
