package id.lumbung.gateway.household;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.household.ExportSheet;
import id.lumbung.core.household.RegistryExport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registry as a file, in the import's column layout. */
@Controller("/api/v1/tenants/{tenantId}/exports")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "registry")
@SecurityRequirement(name = "bearer")
class ExportController {
    private static final Logger LOG = LoggerFactory.getLogger(ExportController.class);

    private final RegistryExport export;
    private final ExecutorService executor;

    ExportController(RegistryExport export, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.export = export;
        this.executor = executor;
    }

    @Permits(Permission.REGISTRY_EXPORT)
    @Get(
            value = "/registry.csv",
            produces = {"text/csv", MediaType.APPLICATION_JSON})
    @Operation(
            summary = "The registry (or one village) as CSV, streamed and audited; NIK and KK masked unless"
                    + " identifiers=full (verifier, DPO); changedSince=yyyy-mm-dd keeps the households changed since (the"
                    + " proposals for the ministry)")
    HttpResponse<StreamedFile> csv(
            @PathVariable String tenantId,
            @Nullable @QueryValue String village,
            @Nullable @QueryValue String identifiers,
            @Nullable @QueryValue String changedSince,
            Caller caller)
            throws IOException {
        return export(ExportSheet.Format.CSV, tenantId, village, identifiers, changedSince, caller);
    }

    @Permits(Permission.REGISTRY_EXPORT)
    @Get(
            value = "/registry.xlsx",
            produces = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaType.APPLICATION_JSON
            })
    @Operation(
            summary = "The registry (or one village) as an Excel workbook in the CSV's column layout, streamed and"
                    + " audited; NIK and KK masked unless identifiers=full (verifier, DPO)")
    HttpResponse<StreamedFile> xlsx(
            @PathVariable String tenantId,
            @Nullable @QueryValue String village,
            @Nullable @QueryValue String identifiers,
            @Nullable @QueryValue String changedSince,
            Caller caller)
            throws IOException {
        return export(ExportSheet.Format.XLSX, tenantId, village, identifiers, changedSince, caller);
    }

    private HttpResponse<StreamedFile> export(
            ExportSheet.Format format,
            String tenantId,
            String village,
            String identifiers,
            String changedSince,
            Caller caller)
            throws IOException {
        java.time.Instant since;
        try {
            since = changedSince == null || changedSince.isBlank()
                    ? null
                    : java.time.LocalDate.parse(changedSince)
                            .atStartOfDay(java.time.ZoneId.of("Asia/Jakarta"))
                            .toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new id.lumbung.core.error.LumbungException(
                    id.lumbung.core.error.ErrorCode.INVALID_CHANGED_SINCE, "changedSince reads yyyy-mm-dd");
        }
        RegistryExport.Permit permit =
                export.permit(caller, tenantId, village, "full".equalsIgnoreCase(identifiers), since);
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream pipe = new PipedOutputStream(in);
        executor.execute(() -> {
            try {
                long rows = export.write(caller, permit, format.open(pipe));
                LOG.info("Export of tenant {} ({}): {} members", tenantId, format.extension(), rows);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Export of tenant {} stopped: {}", tenantId, e.getMessage());
                // Break the download off: ended normally it would look like a complete file.
                try {
                    in.close();
                } catch (IOException ignored) {
                    // already closed by the reader
                }
            }
        });
        return HttpResponse.ok(new StreamedFile(in, MediaType.of(format.mediaType())))
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"registry-" + tenantId + "." + format.extension() + "\"");
    }
}
