package id.lumbung.ui;

import id.lumbung.core.access.Caller;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.registry.ImportIssue;
import id.lumbung.core.registry.ImportJob;
import id.lumbung.core.registry.ImportService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Upload of registry files and their progress, in Bahasa Indonesia. */
@Controller("/ui/tenants/{tenantId}/impor")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ImportPages {
    /** What a running import is doing, in words. */
    private static final Map<String, String> PHASES = Map.of(
            "QUEUED", "menunggu giliran",
            "READING", "membaca dan memeriksa setiap baris",
            "CHECKING", "memeriksa data ganda dan susunan keluarga",
            "SAVING", "menyimpan keluarga dan anggota");

    private static final Map<String, String> STATUS = Map.of(
            "QUEUED", "Menunggu",
            "RUNNING", "Diproses",
            "SUCCEEDED", "Selesai",
            "REJECTED", "Ditolak seluruhnya",
            "FAILED", "Gagal");

    private final ImportService imports;

    ImportPages(ImportService imports) {
        this.imports = imports;
    }

    @Get
    @View("imports")
    Map<String, Object> page(
            @PathVariable String tenantId,
            @Nullable @QueryValue("galat") String error,
            @Nullable @QueryValue String setelah,
            @Nullable @QueryValue String sebelum,
            Caller caller) {
        id.lumbung.core.paging.Page<ImportJob> page =
                imports.page(caller, tenantId, id.lumbung.core.paging.PageRequest.of(setelah, sebelum, 20));
        List<Map<String, Object>> rows =
                page.items().stream().map(ImportPages::row).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("tenantId", tenantId);
        model.put("username", caller.username());
        model.put("rows", rows);
        model.put("phases", PHASES);
        model.put("error", error);
        model.put("paging", Paging.of(page, "impor", "/ui/tenants/" + tenantId + "/impor"));
        return model;
    }

    /** Issues shown on one page of an import's report. */
    private static final int ISSUES_PER_PAGE = 200;

    /**
     * One import: its counts and its issues by line, in Bahasa Indonesia, filtered by code or
     * severity, a page at a time; and the refused rows to download, fix and import again.
     */
    @Get("/{id}")
    HttpResponse<?> report(
            @PathVariable String tenantId,
            @PathVariable String id,
            @Nullable @QueryValue String kode,
            @Nullable @QueryValue String jenis,
            @Nullable @QueryValue Integer dari,
            Caller caller) {
        Map<String, Object> model = new HashMap<>();
        model.put("tenantId", tenantId);
        model.put("username", caller.username());
        UUID jobId;
        ImportJob job;
        try {
            jobId = UUID.fromString(id);
            job = imports.status(caller, tenantId, jobId);
        } catch (IllegalArgumentException | LumbungException e) {
            model.put("rows", List.of());
            model.put("phases", PHASES);
            model.put("error", "Impor ini tidak ditemukan.");
            return HttpResponse.notFound(new io.micronaut.views.ModelAndView<>("imports", model));
        }
        String code = kode == null || kode.isBlank() ? null : kode;
        String severity = "galat".equals(jenis) ? "ERROR" : "peringatan".equals(jenis) ? "WARNING" : null;
        int from = dari == null ? 0 : Math.max(0, dari);
        List<Map<String, Object>> issues =
                imports.issues(caller, tenantId, jobId, code, severity, from, ISSUES_PER_PAGE + 1).stream()
                        .map(issue -> {
                            Map<String, Object> row = new HashMap<>();
                            row.put("line", issue.line());
                            row.put("column", issue.column() == null ? "" : issue.column());
                            row.put("refused", issue.severity() == ImportIssue.Severity.ERROR);
                            row.put(
                                    "severity",
                                    issue.severity() == ImportIssue.Severity.ERROR ? "Ditolak" : "Peringatan");
                            row.put("code", issue.code());
                            row.put("text", issue.indonesian());
                            row.put("detail", issue.message());
                            return row;
                        })
                        .toList();
        model.put("job", row(job));
        model.put("codes", imports.issueCodes(caller, tenantId, jobId));
        model.put("kode", code == null ? "" : code);
        model.put("jenis", jenis == null ? "" : jenis);
        model.put("issues", issues.size() > ISSUES_PER_PAGE ? issues.subList(0, ISSUES_PER_PAGE) : issues);
        model.put("from", from);
        model.put("next", issues.size() > ISSUES_PER_PAGE ? from + ISSUES_PER_PAGE : null);
        model.put("previous", from > 0 ? Math.max(0, from - ISSUES_PER_PAGE) : null);
        // The link only for who may follow it (the refused rows hold full NIKs).
        model.put("mayDownload", job.rowsRejected() > 0 && imports.mayReadRefusedRows(caller, tenantId, job));
        return HttpResponse.ok(new io.micronaut.views.ModelAndView<>("import", model));
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<?> upload(
            @PathVariable String tenantId, CompletedFileUpload file, @Nullable String mode, Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/impor";
        try {
            UploadedFiles.read(
                    file,
                    content -> imports.submit(
                            caller, tenantId, file.getFilename(), content, ImportService.Mode.parse(mode)));
            return HttpResponse.seeOther(URI.create(page));
        } catch (LumbungException e) {
            return HttpResponse.seeOther(
                    URI.create(page + "?galat=" + URLEncoder.encode(Messages.of(e), StandardCharsets.UTF_8)));
        }
    }

    private static Map<String, Object> row(ImportJob job) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", job.id().toString());
        row.put("fileName", job.fileName());
        row.put("status", job.status());
        row.put("statusText", STATUS.getOrDefault(job.status(), job.status()));
        row.put("finished", job.finished());
        row.put("processed", job.rowsProcessed());
        row.put("phaseText", job.finished() ? "" : PHASES.getOrDefault(job.phase(), ""));
        row.put("total", Math.max(job.rowsTotal(), 1));
        row.put("accepted", job.rowsAccepted());
        row.put("rejected", job.rowsRejected());
        row.put("warnings", job.warnings());
        row.put("message", job.message() == null ? "" : job.message());
        return row;
    }
}
