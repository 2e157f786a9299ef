package id.lumbung.connectors.bank;

import id.lumbung.connectors.camel.AgencyException;
import id.lumbung.connectors.camel.AgencyPipeline;
import id.lumbung.connectors.camel.ConnectorMetrics;
import id.lumbung.connectors.camel.MessageHandler;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.disbursement.BankOutcome;
import id.lumbung.core.disbursement.DisbursementService;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.Parameter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox → one bank, through the shared {@link AgencyPipeline}; one pipeline (and circuit
 * breaker) per configured bank. A transfer is marked sent — committed — before its first call;
 * every later attempt (a redelivery after a timeout, a claim after a crash) asks the bank for the
 * outcome under the same reference, and sends the transfer again (same reference) only if the
 * bank says it never saw it. A 409 "duplicate partnerReferenceNo" is reconciled by a status
 * inquiry, not failed.
 */
@EachBean(BankProfile.class)
final class BankRoutes extends AgencyPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(BankRoutes.class);

    private final BankProfile profile;
    private final BankConnectors banks;
    private final DisbursementService disbursements;

    BankRoutes(
            @Parameter BankProfile profile,
            BankConnectors banks,
            Outbox outbox,
            ConnectorControl control,
            ConnectorMetrics metrics,
            id.lumbung.core.ratelimit.SharedBuckets buckets,
            id.lumbung.core.observability.Tracing tracing,
            DisbursementService disbursements) {
        super(
                DisbursementService.agency(profile.name()),
                profile.pipeline(),
                outbox,
                control,
                metrics,
                buckets,
                tracing);
        this.profile = profile;
        this.banks = banks;
        this.disbursements = disbursements;
        handle(DisbursementService.KIND, new Transfers());
    }

    /** TRANSFER: one payment to one account, made once whatever happens on the way. */
    private final class Transfers implements MessageHandler<BankOutcome> {
        @Override
        public BankOutcome call(OutboxMessage message) throws AgencyException {
            return transfer(message);
        }

        @Override
        public boolean record(OutboxMessage message, BankOutcome outcome) {
            boolean applied = disbursements.recordOutcome(message, outcome, profile.followUp());
            if (applied) {
                LOG.info(
                        "Disbursement {} of tenant {}: {} ({}, {})",
                        message.aggregateId(),
                        message.tenantId(),
                        outcome.status(),
                        outcome.responseCode(),
                        outcome.source());
            }
            return applied;
        }

        @Override
        public void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
            disbursements.recordRetry(message, delay, reason, giveUp);
        }

        @Override
        public boolean negative(BankOutcome outcome) {
            return "FAILED".equals(outcome.status());
        }
    }

    private BankOutcome transfer(OutboxMessage message) throws AgencyException {
        DisbursementService.ForCall payment = disbursements.forCall(message);
        var disbursement = payment.disbursement();
        if (disbursement.isFinal()) {
            return new BankOutcome(
                    disbursement.status(),
                    disbursement.responseCode(),
                    disbursement.bankReferenceNo(),
                    disbursement.failureReason(),
                    disbursement.statusSource());
        }
        SnapBankClient bank = banks.client(profile.name());
        if (!payment.sent()) {
            String externalId = SnapBankClient.externalId();
            if (disbursements.markSent(message.tenantId(), disbursement.id(), externalId)) {
                return bank.transfer(disbursement, payment.accountNo(), java.time.Instant.now(), externalId);
            }
        }
        // Sent before (by this worker's earlier attempt, another worker, or a process that died):
        // the same reference and the same transaction date in every later request.
        java.time.Instant sentAt = payment.sentAt() != null ? payment.sentAt() : java.time.Instant.now();
        BankOutcome known = bank.status(disbursement, sentAt, payment.externalId());
        if (!"NOT_FOUND".equals(known.status())) {
            return known;
        }
        LOG.info(
                "Disbursement {} of tenant {}: the bank never saw it; sent again under the same reference",
                disbursement.id(),
                message.tenantId());
        // After a resend nobody can tell which send the bank has: inquiries name none, only the reference.
        disbursements.markResent(message.tenantId(), disbursement.id());
        pace(); // each further request of this attempt takes its own token of the bank's rate limit
        BankOutcome resent =
                bank.transfer(disbursement, payment.accountNo(), sentAt, SnapBankClient.externalId(), null);
        if ("FAILED".equals(resent.status())) {
            // A refusal of a resend may mean the first one was paid after all: ask before recording it.
            pace();
            BankOutcome confirmed = bank.status(disbursement, sentAt, null);
            return "NOT_FOUND".equals(confirmed.status()) ? resent : confirmed;
        }
        return resent;
    }
}
