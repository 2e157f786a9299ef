package id.lumbung.connectors.dukcapil;

import id.lumbung.connectors.camel.AgencyException;
import id.lumbung.connectors.camel.AgencyPipeline;
import id.lumbung.connectors.camel.ConnectorMetrics;
import id.lumbung.connectors.camel.MessageHandler;
import id.lumbung.core.civilsync.CivilBiodata;
import id.lumbung.core.civilsync.CivilSyncService;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.connector.ConnectorCredentials;
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
@io.micronaut.context.annotation.Requires(condition = DukcapilConfigured.class)
final class DukcapilRoutes extends AgencyPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(DukcapilRoutes.class);

    private final DukcapilClient client;
    private final NikCheckService nikChecks;
    private final VerificationService verifications;
    private final CivilSyncService civilSyncs;
    private final ConnectorCredentials credentials;

    DukcapilRoutes(
            DukcapilSettings settings,
            DukcapilClient client,
            Outbox outbox,
            ConnectorControl control,
            ConnectorMetrics metrics,
            id.lumbung.core.ratelimit.SharedBuckets buckets,
            id.lumbung.core.observability.Tracing tracing,
            NikCheckService nikChecks,
            VerificationService verifications,
            CivilSyncService civilSyncs,
            ConnectorCredentials credentials) {
        super(NikCheckRequest.AGENCY, settings.pipeline(), outbox, control, metrics, buckets, tracing);
        this.credentials = credentials;
        this.client = client;
        this.nikChecks = nikChecks;
        this.verifications = verifications;
        this.civilSyncs = civilSyncs;
        handle(NikCheckRequest.KIND, new NikChecks());
        handle(VerificationService.KIND, new Verifications());
        handle(CivilSyncService.KIND, new CivilSyncs());
        handle(ConnectorCredentials.TRY, new CredentialTries());
    }

    /** CREDENTIAL_TRY: does Dukcapil accept the regency's own credentials? */
    private final class CredentialTries implements MessageHandler<String> {
        @Override
        public String call(OutboxMessage message) throws AgencyException {
            String refused = client.tryAccess(message.tenantId());
            return refused == null ? "" : refused;
        }

        @Override
        public boolean record(OutboxMessage message, String refused) {
            boolean applied = credentials.recordTry(
                    message, refused.isEmpty() ? "OK" : "REFUSED", refused.isEmpty() ? null : refused);
            if (applied) {
                LOG.info(
                        "Dukcapil credentials of tenant {} tried: {}",
                        message.tenantId(),
                        refused.isEmpty() ? "OK" : "REFUSED");
            }
            return applied;
        }

        @Override
        public void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
            credentials.tryFailed(message, delay, reason, giveUp);
        }

        @Override
        public boolean negative(String refused) {
            return !refused.isEmpty();
        }
    }

    /** CIVIL_SYNC: what Dukcapil holds of a NIK that a synchronisation suspects. */
    private final class CivilSyncs implements MessageHandler<CivilBiodata> {
        @Override
        public CivilBiodata call(OutboxMessage message) throws AgencyException {
            return client.biodata(message.tenantId(), civilSyncs.nikToAsk(message));
        }

        @Override
        public boolean record(OutboxMessage message, CivilBiodata answer) {
            return civilSyncs.record(message, answer);
        }

        @Override
        public void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
            civilSyncs.recordRetry(message, delay, reason, giveUp);
        }

        @Override
        public boolean negative(CivilBiodata answer) {
            return !answer.known();
        }
    }

    /** NIK_CHECK: is this NIK known to Dukcapil, and alive? */
    private final class NikChecks implements MessageHandler<NikCheckResult> {
        @Override
        public NikCheckResult call(OutboxMessage message) throws AgencyException {
            return client.checkNik(
                    message.tenantId(), nikChecks.nikToCheck(message).value());
        }

        @Override
        public boolean record(OutboxMessage message, NikCheckResult result) {
            boolean applied = nikChecks.recordResult(message, result);
            if (applied) {
                // The check's id and Dukcapil's result code only: the NIK itself never reaches a log.
                LOG.info("NIK check {} of tenant {}: {}", message.aggregateId(), message.tenantId(), result.name());
            }
            return applied;
        }

        @Override
        public void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
            nikChecks.recordRetry(message, delay, reason, giveUp);
        }

        @Override
        public boolean negative(NikCheckResult result) {
            return result != NikCheckResult.FOUND;
        }
    }

    /** VERIFY_ELEMENT: does Dukcapil agree with a member's name, birth data and family? */
    private final class Verifications implements MessageHandler<ElementResult> {
        @Override
        public ElementResult call(OutboxMessage message) throws AgencyException {
            return client.verifyByElement(message.tenantId(), verifications.elementsToVerify(message));
        }

        @Override
        public boolean record(OutboxMessage message, ElementResult elements) {
            return verifications.recordResult(message, elements);
        }

        @Override
        public void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
            verifications.recordRetry(message, delay, reason, giveUp);
        }

        @Override
        public boolean negative(ElementResult elements) {
            return !"FOUND".equals(elements.result());
        }
    }
}
