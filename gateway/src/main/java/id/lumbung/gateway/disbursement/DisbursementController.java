package id.lumbung.gateway.disbursement;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.disbursement.Disbursement;
import id.lumbung.core.disbursement.DisbursementService;
import id.lumbung.core.disbursement.Reconciliation;
import id.lumbung.core.disbursement.ReconciliationService;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.gateway.PathIds;
import id.lumbung.gateway.edge.PageQuery;
import id.lumbung.ui.UploadedFiles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Aid paid through the banks: asked in batches, each paid once, its outcome readable. */
@Controller("/api/v1/tenants/{tenantId}/disbursements")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "disbursements")
@SecurityRequirement(name = "bearer")
@SerdeImport(Disbursement.class)
@SerdeImport(Reconciliation.class)
@SerdeImport(Reconciliation.Issue.class)
class DisbursementController {
    private final DisbursementService disbursements;
    private final ReconciliationService reconciliations;

    DisbursementController(DisbursementService disbursements, ReconciliationService reconciliations) {
        this.disbursements = disbursements;
        this.reconciliations = reconciliations;
    }

    /**
     * A payment to make.
     *
     * @param bankCode the paying bank (a configured profile, e.g. BNI)
     * @param householdId the household paid, if known
     * @param programme the programme, e.g. PKH
     * @param period the period, e.g. 2026-11
     * @param accountNo the beneficiary's account number
     * @param beneficiaryName the account holder
     * @param amount rupiah
     */
    @Serdeable
    record Payment(
            @Nullable @Size(max = 16) String bankCode,
            @Nullable UUID householdId,
            @Nullable @Size(max = 64) String programme,
            @Nullable @Size(max = 16) String period,
            @Nullable @Size(max = 34) String accountNo,
            @Nullable @Size(max = 200) String beneficiaryName,
            @Nullable BigDecimal amount) {
        @Override
        public String toString() {
            return "Payment[bankCode=" + bankCode + ", programme=" + programme + ", period=" + period + "]";
        }
    }

    /**
     * Payments to make.
     *
     * @param payments up to 1,000
     */
    @Serdeable
    record Batch(@NotNull @Size(max = 10_000) List<@NotNull @Valid Payment> payments) {}

    @Permits(Permission.PAYMENT_ORDER)
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Queue up to 1,000 payments in one transaction (202); each gets its partnerReferenceNo and is"
                    + " paid once")
    HttpResponse<List<Disbursement>> submit(@PathVariable String tenantId, @Valid @Body Batch batch, Caller caller) {
        return HttpResponse.accepted()
                .body(disbursements.submit(
                        caller,
                        tenantId,
                        batch.payments().stream()
                                .map(payment -> new DisbursementService.NewDisbursement(
                                        payment.bankCode(),
                                        payment.householdId(),
                                        payment.programme(),
                                        payment.period(),
                                        payment.accountNo(),
                                        payment.beneficiaryName(),
                                        payment.amount()))
                                .toList()));
    }

    @Permits(Permission.PAYMENT_RECONCILE)
    @Post(value = "/reconciliations", consumes = MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Hold a bank's result file (field file, H|…, D|…, T|… lines) against the payments: 200 with"
                    + " every disagreement by line; 400 reconciliation_file_refused when its header or trailer"
                    + " disagree with its rows")
    Reconciliation reconcile(
            @PathVariable String tenantId, @Nullable @QueryValue String bank, CompletedFileUpload file, Caller caller) {
        return UploadedFiles.read(file, content -> reconciliations.reconcile(caller, tenantId, bank, content));
    }

    @Permits(Permission.PAYMENT_READ)
    @Get
    @Operation(
            summary = "The payments the caller reaches, newest first, account numbers masked: a page at a time"
                    + " (size 1–500, default 100) with X-Total-Count and Link (next, prev) headers")
    HttpResponse<List<Disbursement>> list(@PathVariable String tenantId, @RequestBean PageQuery page, Caller caller) {
        return page.answer(disbursements.page(caller, tenantId, page.page()));
    }

    @Permits(Permission.PAYMENT_READ)
    @Get("/{id}")
    @Operation(summary = "One payment: QUEUED, SENT, IN_PROGRESS, SUCCEEDED or FAILED, with the bank's references")
    Disbursement get(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return disbursements.find(caller, tenantId, PathIds.uuid(id, ErrorCode.DISBURSEMENT_NOT_FOUND, "Disbursement"));
    }
}
