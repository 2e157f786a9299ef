package id.lumbung.gateway.identity;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.identity.ListReconciliation;
import id.lumbung.core.identity.ListReconciliations;
import id.lumbung.core.upload.Uploads;
import id.lumbung.gateway.PathIds;
import id.lumbung.gateway.edge.PageQuery;
import id.lumbung.ui.UploadedFiles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

/** Another list (P3KE, a DTSEN extract) set beside the registry: in both, only here, only there. */
@Controller("/api/v1/tenants/{tenantId}/list-reconciliations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "identity")
@SecurityRequirement(name = "bearer")
@SerdeImport(ListReconciliation.class)
@SerdeImport(ListReconciliation.Item.class)
class ListReconciliationController {
    private final ListReconciliations reconciliations;
    private final Uploads uploads;

    ListReconciliationController(ListReconciliations reconciliations, Uploads uploads) {
        this.reconciliations = reconciliations;
        this.uploads = uploads;
    }

    @Permits(Permission.LIST_RECONCILE)
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Set another list (CSV or .xlsx: nama, and nomor_nik or tanggal_lahir; nomor_kk, jenis_kelamin,"
                    + " kode_wilayah, desil if known) beside the registry, name saying which list: 202 with the"
                    + " comparison, which works in the background; rows that cannot be read are listed in issues"
                    + " (line, column, code) and left out; a wrong header refuses the file (400 wrong_header)")
    HttpResponse<ListReconciliation> start(
            @PathVariable String tenantId, @Nullable @QueryValue String name, CompletedFileUpload file, Caller caller) {
        ListReconciliation started = UploadedFiles.read(
                file,
                content -> uploads.withCopy(
                        content, copy -> reconciliations.start(caller, tenantId, name, file.getFilename(), copy)));
        return HttpResponse.accepted(
                        URI.create("/api/v1/tenants/" + tenantId + "/list-reconciliations/" + started.id()))
                .body(started);
    }

    @Permits(Permission.LIST_RECONCILE)
    @Get
    @Operation(summary = "The comparisons, newest first, a page at a time with X-Total-Count and Link headers")
    HttpResponse<List<ListReconciliation>> recent(
            @PathVariable String tenantId, @RequestBean PageQuery page, Caller caller) {
        return page.answer(reconciliations.page(caller, tenantId, page.page()));
    }

    @Permits(Permission.LIST_RECONCILE)
    @Get("/{id}")
    @Operation(
            summary = "A comparison: its stage, rows read and refused (with why), and how many are in both (of"
                    + " another desil), only here, only there, to look at")
    ListReconciliation progress(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return reconciliations.find(caller, tenantId, reconciliationId(id));
    }

    @Permits(Permission.LIST_RECONCILE)
    @Get("/{id}/items")
    @Operation(
            summary = "The persons of a comparison by the list's line (then the registry's members by name):"
                    + " outcome=BOTH|ONLY_HERE|ONLY_THERE|REVIEW, desilConflict=true for pairs whose desil differs;"
                    + " NIKs masked; reads audited")
    HttpResponse<List<ListReconciliation.Item>> items(
            @PathVariable String tenantId,
            @PathVariable String id,
            @Nullable @QueryValue String outcome,
            @Nullable @QueryValue Boolean desilConflict,
            @RequestBean PageQuery page,
            Caller caller) {
        return page.answer(
                reconciliations.items(caller, tenantId, reconciliationId(id), outcome, desilConflict, page.page()));
    }

    private static java.util.UUID reconciliationId(String id) {
        return PathIds.uuid(id, ErrorCode.RECONCILIATION_NOT_FOUND, "Comparison");
    }
}
