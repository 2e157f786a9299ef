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
import id.lumbung.core.verification.ElementResult;
import id.lumbung.core.verification.VerificationService;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox → Dukcapil, through the shared {@link AgencyPipeline}: NIK checks (CALL_NIK) and
 * verifications by element (CALL_VERIFY_BY_ELEMEN) are decrypted for the call only, and the answer
 * ("Data Tidak Ditemukan" included) is written back once per message.
 */
@Singleton
final class DukcapilRoutes extends AgencyPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(DukcapilRoutes.class);

    private final DukcapilClient client;
    private final NikCheckService nikChecks;
    private final VerificationService verifications;

    DukcapilRoutes(
            DukcapilSettings settings,
            DukcapilClient client,
            Outbox outbox,
            ConnectorControl control,
            ConnectorMetrics metrics,
            NikCheckService nikChecks,
            VerificationService verifications) {
        super(NikCheckRequest.AGENCY, settings.pipeline(), outbox, control, metrics);
        this.client = client;
        this.nikChecks = nikChecks;
        this.verifications = verifications;
    }

    @Override
    protected Object call(OutboxMessage message) throws AgencyException {
        if (VerificationService.KIND.equals(message.kind())) {
            return client.verifyByElement(message.tenantId(), verifications.elementsToVerify(message));
        }
        return client.checkNik(message.tenantId(), nikChecks.nikToCheck(message).value());
    }

    @Override
    protected boolean record(OutboxMessage message, Object answer) {
        if (answer instanceof ElementResult elements) {
            return verifications.recordResult(message, elements);
        }
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
        if (VerificationService.KIND.equals(message.kind())) {
            verifications.recordRetry(message, delay, reason, giveUp);
        } else {
            nikChecks.recordRetry(message, delay, reason, giveUp);
        }
    }

    @Override
    protected boolean negative(Object answer) {
        return answer instanceof ElementResult elements
                ? !"FOUND".equals(elements.result())
                : answer != NikCheckResult.FOUND;
    }
}
