package id.lumbung.core.disbursement;

import java.util.Set;

/**
 * The banks that pay, as the domain sees them; the bank connectors (SNAP BI) implement it. The
 * domain names no bank protocol: it asks which banks there are, and has a bank's notification
 * checked and read into an outcome.
 */
public interface PaymentRails {
    /** The codes of the banks a payment may name (upper case). */
    Set<String> banks();

    /**
     * Checks a bank's notification of a transfer (its signature and timestamp) and reads it.
     *
     * @param path the path it was sent to, as signed
     * @param timestamp its {@code X-TIMESTAMP}
     * @param signature its {@code X-SIGNATURE}
     * @param externalId its {@code X-EXTERNAL-ID}
     */
    Notice read(String bankCode, String path, String body, String timestamp, String signature, String externalId);

    /** What a notification turned out to be. */
    sealed interface Notice {}

    /** No bank with that code is configured. */
    record UnknownBank() implements Notice {}

    /** Not signed by the bank, or stale: nothing in it is believed. */
    record Unsigned(String why) implements Notice {}

    /**
     * Signed, but not a notification we can read.
     *
     * @param fieldsMissing it is JSON, but a field the standard requires is missing or unknown
     */
    record Unreadable(String why, boolean fieldsMissing) implements Notice {}

    /**
     * A transfer's outcome, as the bank notified it.
     *
     * @param reference our partner reference of the transfer
     * @param externalId the notification's own id (a repeat is recognised by it)
     */
    record Notified(String reference, String externalId, BankOutcome outcome) implements Notice {}
}
