package id.lumbung.ui;

import id.lumbung.core.access.Caller;
import id.lumbung.core.disbursement.Disbursement;
import id.lumbung.core.disbursement.DisbursementService;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Aid paid through the banks, in Bahasa Indonesia: each payment's state, as the bank last told it. */
@Controller("/ui/tenants/{tenantId}/penyaluran")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class PaymentPages {
    private static final Map<String, String> STATUS = Map.of(
            "QUEUED", "Menunggu dikirim",
            "SENT", "Terkirim, menunggu jawaban bank",
            "IN_PROGRESS", "Diproses bank",
            "SUCCEEDED", "Berhasil",
            "FAILED", "Gagal");
    private static final Map<String, String> SOURCE = Map.of(
            "TRANSFER", "jawaban transfer",
            "STATUS_INQUIRY", "cek status",
            "BANK_NOTIFICATION", "notifikasi bank");

    private final DisbursementService disbursements;
    private final id.lumbung.core.access.Authorizer authorizer;

    PaymentPages(DisbursementService disbursements, id.lumbung.core.access.Authorizer authorizer) {
        this.disbursements = disbursements;
        this.authorizer = authorizer;
    }

    @Get
    @View("payments")
    Map<String, Object> page(
            @PathVariable String tenantId,
            @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.QueryValue String setelah,
            @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.QueryValue String sebelum,
            Caller caller) {
        id.lumbung.core.paging.Page<Disbursement> page =
                disbursements.page(caller, tenantId, id.lumbung.core.paging.PageRequest.of(setelah, sebelum, null));
        List<Disbursement> recent = page.items();
        Map<String, Long> counts = new LinkedHashMap<>();
        disbursements
                .countsByStatus(caller, tenantId)
                .forEach((status, count) -> counts.put(STATUS.getOrDefault(status, status), count));
        Map<String, Object> model = new HashMap<>();
        model.put("tenantId", tenantId);
        model.put("username", caller.username());
        model.put("may", PagePermissions.may(authorizer, caller, tenantId));
        model.put("payments", recent.stream().map(PaymentPages::row).toList());
        model.put("counts", counts);
        model.put("pending", recent.stream().anyMatch(payment -> !payment.isFinal()));
        model.put("paging", Paging.of(page, "pembayaran", "/ui/tenants/" + tenantId + "/penyaluran"));
        return model;
    }

    private static Map<String, Object> row(Disbursement payment) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", payment.id().toString());
        row.put("createdAt", VerificationPages.TIME.format(payment.createdAt()));
        row.put("programme", payment.programme() + " " + payment.period());
        row.put("name", payment.beneficiaryName());
        row.put("account", payment.bankCode() + " " + payment.accountMasked());
        row.put(
                "amount",
                NumberFormat.getCurrencyInstance(Locale.forLanguageTag("id-ID")).format(payment.amount()));
        row.put("status", payment.status());
        row.put("statusText", STATUS.getOrDefault(payment.status(), payment.status()));
        row.put(
                "detail",
                (payment.statusSource() == null ? "" : "dari " + SOURCE.getOrDefault(payment.statusSource(), "bank"))
                        + (payment.failureReason() == null ? "" : " — " + payment.failureReason()));
        row.put("reference", payment.partnerReferenceNo());
        return row;
    }
}
