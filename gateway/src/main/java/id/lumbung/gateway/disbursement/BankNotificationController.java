package id.lumbung.gateway.disbursement;

import id.lumbung.core.access.Public;
import id.lumbung.core.disbursement.DisbursementService;
import id.lumbung.core.disbursement.PaymentRails;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

    private final PaymentRails rails;
    private final DisbursementService disbursements;

    BankNotificationController(PaymentRails rails, DisbursementService disbursements) {
        this.rails = rails;
        this.disbursements = disbursements;
    }

    @Public("a bank's notification is authenticated by its signature, checked before anything is read")
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "A bank's signed transfer notification: 200 applied or already known, 401 unsigned or stale")
    HttpResponse<Map<String, String>> notify(@PathVariable String bankCode, @Body String body, HttpRequest<?> request) {
        PaymentRails.Notice notice = rails.read(
                bankCode,
                request.getPath(),
                body,
                request.getHeaders().get("X-TIMESTAMP"),
                request.getHeaders().get("X-SIGNATURE"),
                request.getHeaders().get("X-EXTERNAL-ID"));
        if (notice instanceof PaymentRails.UnknownBank) {
            return answer(HttpStatus.NOT_FOUND, "4043500", "Unknown bank");
        }
        if (notice instanceof PaymentRails.Unsigned unsigned) {
            LOG.warn("Notification from bank {} refused: {}", bankCode, unsigned.why());
            return answer(HttpStatus.UNAUTHORIZED, "4013500", "Unauthorized. " + unsigned.why());
        }
        if (notice instanceof PaymentRails.Unreadable unreadable) {
            return answer(HttpStatus.BAD_REQUEST, unreadable.fieldsMissing() ? "4003502" : "4003500", unreadable.why());
        }
        PaymentRails.Notified notified = (PaymentRails.Notified) notice;
        DisbursementService.NotificationResult result = disbursements.applyNotification(
                bankCode, notified.reference(), notified.externalId(), notified.outcome());
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
