package id.lumbung.core.disbursement;

import java.math.BigDecimal;
import java.util.List;

/**
 * A bank's result file held against the tenant's payments.
 *
 * @param bankCode the bank
 * @param fileDate the date the file covers
 * @param rows detail rows read
 * @param total their sum
 * @param matched rows that agree with a payment
 * @param issues every disagreement, by line (0 for a payment the file lacks)
 */
public record Reconciliation(
        String bankCode, String fileDate, long rows, BigDecimal total, long matched, List<Issue> issues) {

    /**
     * One disagreement.
     *
     * @param line the file's line, or 0 for a payment missing from the file
     * @param code {@code missing}, {@code extra}, {@code amount_mismatch}, {@code invalid_account},
     *     {@code account_mismatch}, {@code duplicate_row}, {@code invalid_row}
     * @param partnerReferenceNo the reference concerned
     * @param message what is wrong
     */
    public record Issue(long line, String code, String partnerReferenceNo, String message) {}
}
