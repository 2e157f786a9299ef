package id.lumbung.ui;

import id.lumbung.core.access.Caller;
import id.lumbung.core.error.LumbungException;
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
            @PathVariable String tenantId, @Nullable @QueryValue("galat") String error, Caller caller) {
        List<Map<String, Object>> rows =
                imports.recent(caller, tenantId).stream().map(ImportPages::row).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("tenantId", tenantId);
        model.put("username", caller.username());
        model.put("rows", rows);
        model.put("phases", PHASES);
        model.put("error", error);
        return model;
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
