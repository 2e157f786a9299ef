package id.lumbung.connectors.bank;

import id.lumbung.core.disbursement.BankOutcome;
import id.lumbung.core.disbursement.PaymentRails;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The payment rails over SNAP BI: the configured banks, and their notifications checked and read. */
@Singleton
final class SnapRails implements PaymentRails {
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final BankConnectors banks;
    private final JsonMapper json;

    SnapRails(BankConnectors banks, JsonMapper json) {
        this.banks = banks;
        this.json = json;
    }

    @Override
    public Set<String> banks() {
        return banks.codes();
    }

    @Override
    public Notice read(
            String bankCode, String path, String body, String timestamp, String signature, String externalId) {
        if (bankCode == null || !banks.codes().contains(bankCode.toUpperCase(Locale.ROOT))) {
            return new UnknownBank();
        }
        String refusal = banks.client(bankCode).verifyNotification(path, body, timestamp, signature);
        if (refusal != null) {
            return new Unsigned(refusal);
        }
        Map<String, Object> notification;
        try {
            notification = json.readValue(body, JSON_OBJECT);
        } catch (IOException | RuntimeException e) {
            return new Unreadable("Invalid body", false);
        }
        Object reference = notification.get("originalPartnerReferenceNo");
        // A notification tells what happened to a transfer we made: "not found" (07) is no news.
        SnapStatus status = SnapStatus.of(String.valueOf(notification.get("latestTransactionStatus")))
                .filter(known -> known != SnapStatus.NOT_FOUND)
                .orElse(null);
        if (reference == null || status == null || externalId == null || externalId.isBlank()) {
            return new Unreadable(
                    "originalPartnerReferenceNo, latestTransactionStatus and X-EXTERNAL-ID are required", true);
        }
        Object bankReference = notification.get("originalReferenceNo");
        return new Notified(
                String.valueOf(reference),
                externalId,
                new BankOutcome(
                        status.name(),
                        null,
                        bankReference == null ? null : String.valueOf(bankReference),
                        status == SnapStatus.FAILED ? String.valueOf(notification.get("transactionStatusDesc")) : null,
                        "BANK_NOTIFICATION"));
    }
}
