package id.lumbung.gateway.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.household.ExportSheet;
import id.lumbung.core.registry.ImportIssue;
import id.lumbung.core.registry.ImportJob;
import id.lumbung.core.registry.ImportService;
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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Bulk imports of DTKS/SIKS-NG exports into a tenant's registry. */
@Controller("/api/v1/tenants/{tenantId}/imports")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "registry")
@SecurityRequirement(name = "bearer")
class ImportController {
    private static final int FIRST_ISSUES = 100;

    private final ImportService imports;

    ImportController(ImportService imports) {
        this.imports = imports;
    }

    @Permits(Permission.IMPORT_RUN)
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Upload a registry file (CSV in any common delimiter and encoding, or an Excel .xlsx"
                    + " workbook; one row per person); 202 with the job, 400 if the file is unreadable as a whole")
    HttpResponse<ImportResponse> submit(
            @PathVariable String tenantId, CompletedFileUpload file, @Nullable @QueryValue String mode, Caller caller) {
        ImportJob job = UploadedFiles.read(
                file,
                content ->
                        imports.submit(caller, tenantId, file.getFilename(), content, ImportService.Mode.parse(mode)));
        return HttpResponse.accepted(URI.create("/api/v1/tenants/" + tenantId + "/imports/" + job.id()))
                .body(ImportResponse.of(job, List.of()));
    }

    @Permits(Permission.IMPORT_RUN)
    @Get
    @Operation(
            summary = "The tenant's imports, newest first: a page at a time (size 1–500, default 100) with"
                    + " X-Total-Count and Link (next, prev) headers")
    HttpResponse<List<ImportResponse>> list(@PathVariable String tenantId, @RequestBean PageQuery page, Caller caller) {
        return page.answer(imports.page(caller, tenantId, page.page()).map(job -> ImportResponse.of(job, List.of())));
    }

    @Permits(Permission.IMPORT_RUN)
    @Get("/{id}")
    @Operation(summary = "An import's status, counts and its first issues (by line)")
    ImportResponse get(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        UUID jobId = PathIds.uuid(id, ErrorCode.IMPORT_NOT_FOUND, "Import");
        ImportJob job = imports.status(caller, tenantId, jobId);
        return ImportResponse.of(job, imports.issues(caller, tenantId, jobId, 0, FIRST_ISSUES));
    }

    @Permits(Permission.IMPORT_RUN)
    // JSON too: a refusal (401, 403, 404) answers as a problem, whatever the client accepts.
    @Get(
            value = "/{id}/refused.csv",
            produces = {"text/csv", MediaType.APPLICATION_JSON})
    @Operation(
            summary = "The rows an import refused, as the file had them, with a column of reasons: fix them in"
                    + " Excel and import the file again. Full NIKs: for who uploaded the file, or with"
                    + " IDENTIFIER_REVEAL; audited")
    HttpResponse<byte[]> refused(@PathVariable String tenantId, @PathVariable String id, Caller caller)
            throws java.io.IOException {
        UUID jobId = PathIds.uuid(id, ErrorCode.IMPORT_NOT_FOUND, "Import");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        imports.refusedRows(caller, tenantId, jobId).write(ExportSheet.Format.CSV.open(out));
        return HttpResponse.ok(out.toByteArray())
                .contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"ditolak-" + jobId + ".csv\"");
    }

    @Permits(Permission.IMPORT_RUN)
    @Get("/{id}/issues")
    @Operation(summary = "A page of an import's issues, by line; code= and severity= (ERROR, WARNING) filter them")
    List<IssueResponse> issues(
            @PathVariable String tenantId,
            @PathVariable String id,
            @Nullable @QueryValue String code,
            @Nullable @QueryValue String severity,
            @Nullable @QueryValue Integer offset,
            @Nullable @QueryValue Integer limit,
            Caller caller) {
        int size = limit == null ? 500 : Math.max(1, Math.min(limit, 5000));
        return imports
                .issues(
                        caller,
                        tenantId,
                        PathIds.uuid(id, ErrorCode.IMPORT_NOT_FOUND, "Import"),
                        code == null || code.isBlank() ? null : code,
                        severity == null || severity.isBlank() ? null : severity.toUpperCase(java.util.Locale.ROOT),
                        offset == null ? 0 : offset,
                        size)
                .stream()
                .map(IssueResponse::of)
                .toList();
    }

    /**
     * An import job.
     *
     * @param id the job's id
     * @param fileName the uploaded file's name
     * @param mode KEEP_GOOD_ROWS or ALL_OR_NOTHING
     * @param status QUEUED, RUNNING, SUCCEEDED, REJECTED or FAILED
     * @param phase QUEUED, READING (each row read and checked), CHECKING (duplicates and households
     *     over the whole file), SAVING (households and members written) or DONE
     * @param rowsTotal rows read
     * @param rowsProcessed rows checked so far
     * @param rowsAccepted rows imported
     * @param rowsRejected rows refused
     * @param warnings warnings raised
     * @param householdsCreated new households
     * @param householdsUpdated changed households
     * @param membersCreated new members
     * @param membersUpdated changed members
     * @param message why it failed or was rejected
     * @param createdAt when it was uploaded
     * @param finishedAt when it ended
     * @param errors its first issues, by line ({@code …/issues} pages through all of them)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ImportResponse(
            UUID id,
            String fileName,
            String mode,
            String status,
            String phase,
            long rowsTotal,
            long rowsProcessed,
            long rowsAccepted,
            long rowsRejected,
            long warnings,
            long householdsCreated,
            long householdsUpdated,
            long membersCreated,
            long membersUpdated,
            String message,
            Instant createdAt,
            Instant finishedAt,
            List<IssueResponse> errors) {
        static ImportResponse of(ImportJob job, List<ImportIssue> issues) {
            return new ImportResponse(
                    job.id(),
                    job.fileName(),
                    job.mode(),
                    job.status(),
                    job.phase(),
                    job.rowsTotal(),
                    job.rowsProcessed(),
                    job.rowsAccepted(),
                    job.rowsRejected(),
                    job.warnings(),
                    job.householdsCreated(),
                    job.householdsUpdated(),
                    job.membersCreated(),
                    job.membersUpdated(),
                    job.message(),
                    job.createdAt(),
                    job.finishedAt(),
                    issues.stream().map(IssueResponse::of).toList());
        }
    }

    /**
     * One issue of an import.
     *
     * @param line the file's line (the header is line 1)
     * @param column the column, if one
     * @param severity ERROR (row refused) or WARNING (row imported, flagged)
     * @param code stable code
     * @param message what is wrong
     */
    @Serdeable
    record IssueResponse(long line, String column, String severity, String code, String message) {
        static IssueResponse of(ImportIssue issue) {
            return new IssueResponse(
                    issue.line(), issue.column(), issue.severity().name(), issue.code(), issue.message());
        }
    }
}
