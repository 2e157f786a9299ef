package id.lumbung.core.oversight;

import io.micronaut.core.annotation.Introspected;
import java.math.BigDecimal;

/**
 * What happened in a regency in a month (Asia/Jakarta): changes to the registry, proposals,
 * the ministry's determinations, payments. Counts and sums only.
 */
@Introspected
public record MonthRow(
        String tenantId,
        long householdsCreated,
        long membersCreated,
        long membersUpdated,
        long changesFromDukcapil,
        long proposalsSubmitted,
        long additionsSubmitted,
        long removalsSubmitted,
        long proposalsVerified,
        long proposalsRejected,
        long proposalsApproved,
        long proposalsSent,
        long determined,
        long returned,
        long payments,
        long paymentsSucceeded,
        long paymentsFailed,
        BigDecimal amountPaid) {}
