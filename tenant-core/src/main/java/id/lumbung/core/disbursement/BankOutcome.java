package id.lumbung.core.disbursement;

/**
 * What a bank said about a transfer.
 *
 * @param status SUCCEEDED, FAILED or IN_PROGRESS
 * @param responseCode the bank's response code (e.g. 2001800)
 * @param bankReferenceNo the bank's reference, if given
 * @param reason a failure's reason, in the bank's words
 * @param source TRANSFER, STATUS_INQUIRY or BANK_NOTIFICATION
 */
public record BankOutcome(String status, String responseCode, String bankReferenceNo, String reason, String source) {}
