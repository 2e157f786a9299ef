package id.lumbung.core.oversight;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A tenant's figures as last computed (no personal data: counts). A {@code null} is a figure that
 * does not exist yet — never searched for duplicates, nobody registered — not a zero.
 */
@MappedEntity("tenant_figure")
public record TenantFigureRow(
        @Id String tenantId,
        Instant computedAt,
        int households,
        int people,
        String desil,
        int withNik,
        int verified,
        int matching,
        int withoutHead,
        int openDuplicates,
        @Nullable Double quality,
        String proposals,
        @Nullable Instant oldestOpenSince,
        @Nullable Double medianWaitDays,
        @Nullable String slowestStep,
        @Nullable Double slowestStepHours,
        int verificationBacklog,
        int duplicateRuns,
        @Nullable Integer duplicatesFound,
        @Nullable Integer duplicatesResolved,
        int correctionsSent,
        int correctionsBack,
        int payments,
        int paymentsSucceeded,
        int paymentsFailed,
        int deadLetters,
        int pausedConnectors,
        int users,
        @Nullable Instant lastImportAt,
        @Nullable Instant lastVerificationAt) {}
