package id.lumbung.core.disbursement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Aid paid to one beneficiary account through a bank; the account number masked.
 *
 * @param tenantId the tenant
 * @param id its id
 * @param bankCode the paying bank's profile, e.g. {@code BNI}
 * @param partnerReferenceNo our reference, the bank's idempotency key (never replaced)
 * @param householdId the household paid, if known
 * @param programme the programme, e.g. PKH, BPNT
 * @param period the period, e.g. 2026-11
 * @param accountMasked the account number, masked
 * @param beneficiaryName the account holder
 * @param amount the amount in rupiah
 * @param status QUEUED, SENT (the outcome is being asked), IN_PROGRESS, SUCCEEDED or FAILED
 * @param bankReferenceNo the bank's reference, once it answered
 * @param responseCode the bank's last response code
 * @param failureReason why it failed, or the last transport failure
 * @param statusSource where the status came from: TRANSFER, STATUS_INQUIRY, BANK_NOTIFICATION
 * @param createdAt when it was asked
 * @param completedAt when it became final
 */
public record Disbursement(
        String tenantId,
        UUID id,
        String bankCode,
        String partnerReferenceNo,
        UUID householdId,
        String programme,
        String period,
        String accountMasked,
        String beneficiaryName,
        BigDecimal amount,
        String status,
        String bankReferenceNo,
        String responseCode,
        String failureReason,
        String statusSource,
        Instant createdAt,
        Instant completedAt) {

    public boolean isFinal() {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status);
    }
}
