package id.lumbung.gateway.disbursement;

import id.lumbung.connectors.bank.BankConnectors;
import id.lumbung.connectors.bank.SnapBankClient;
import id.lumbung.connectors.bank.SnapStatus;
import id.lumbung.core.access.Public;
import id.lumbung.core.disbursement.BankOutcome;
import id.lumbung.core.disbursement.DisbursementService;
import id.lumbung.core.error.LumbungException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bank's notifications about transfers (SNAP BI). No login: the bank's SHA256withRSA signature
 * over {@code POST:path:sha256(minified body):timestamp} and a timestamp within the window are the
 * authentication — anything else answers 401 and changes nothing. Each notification is applied
 * once; repeats and late ones are acknowledged and change nothing. Answers are SNAP-shaped, as
 * banks expect.
 */
@Controller("/api/v1/partners/banks/{bankCode}/notifications")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "partners")
class BankNotificationController {
    private static final Logger LOG = LoggerFactory.getLogger(BankNotificationController.class);
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private final BankConnectors banks;
    private final DisbursementService disbursements;
    private final JsonMapper json;

    BankNotificationController(BankConnectors banks, DisbursementService disbursements, JsonMapper json) {
        this.banks = banks;
        this.disbursements = disbursements;
        this.json = json;
    }

    @Public("a bank's notification is authenticated by its signature, checked before anything is read")
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A bank's signed transfer notification: 200 applied or already known, 401 unsigned or stale")
    HttpResponse<Map<String, String>> notify(@PathVariable String bankCode, @Body String body, HttpRequest<?> request) {
        SnapBankClient bank;
        try {
            bank = banks.client(bankCode);
        } catch (LumbungException e) {
            return answer(HttpStatus.NOT_FOUND, "4043500", "Unknown bank");
        }
        String refusal = bank.verifyNotification(
                request.getPath(),
                body,
                request.getHeaders().get("X-TIMESTAMP"),
                request.getHeaders().get("X-SIGNATURE"));
        if (refusal != null) {
            LOG.warn("Notification from bank {} refused: {}", bankCode, refusal);
            return answer(HttpStatus.UNAUTHORIZED, "4013500", "Unauthorized. " + refusal);
        }
        String externalId = request.getHeaders().get("X-EXTERNAL-ID");
        Map<String, Object> notification;
        try {
            notification = json.readValue(body, JSON_OBJECT);
        } catch (IOException | RuntimeException e) {
            return answer(HttpStatus.BAD_REQUEST, "4003500", "Invalid body");
        }
        Object reference = notification.get("originalPartnerReferenceNo");
        // A notification tells what happened to a transfer we made: "not found" (07) is no news.
        String status = SnapStatus.of(String.valueOf(notification.get("latestTransactionStatus")))
                .filter(known -> known != SnapStatus.NOT_FOUND)
                .map(SnapStatus::name)
                .orElse(null);
        if (reference == null || status == null || externalId == null || externalId.isBlank()) {
            return answer(
                    HttpStatus.BAD_REQUEST,
                    "4003502",
                    "originalPartnerReferenceNo, latestTransactionStatus and X-EXTERNAL-ID are required");
        }
        Object bankReference = notification.get("originalReferenceNo");
        DisbursementService.NotificationResult result = disbursements.applyNotification(
                bankCode,
                String.valueOf(reference),
                externalId,
                new BankOutcome(
                        status,
                        null,
                        bankReference == null ? null : String.valueOf(bankReference),
                        "FAILED".equals(status) ? String.valueOf(notification.get("transactionStatusDesc")) : null,
                        "BANK_NOTIFICATION"));
        if (result == DisbursementService.NotificationResult.UNKNOWN_REFERENCE) {
            return answer(HttpStatus.NOT_FOUND, "4043501", "Transaction Not Found");
        }
        return answer(HttpStatus.OK, "2003500", "Successful");
    }

    private static HttpResponse<Map<String, String>> answer(HttpStatus status, String code, String message) {
        return HttpResponse.<Map<String, String>>status(status)
                .body(Map.of("responseCode", code, "responseMessage", message));
    }
}
