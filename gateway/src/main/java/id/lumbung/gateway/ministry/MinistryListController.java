package id.lumbung.gateway.ministry;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.ministry.MinistryListService;
import id.lumbung.core.registry.TabularFile;
import id.lumbung.core.upload.Uploads;
import id.lumbung.ui.UploadedFiles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.SerdeImport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The ministry's files (SIKS-NG): the monthly determination list and the returned records. */
@Controller("/api/v1/tenants/{tenantId}/ministry")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "ministry")
@SecurityRequirement(name = "bearer")
@SerdeImport(MinistryListService.Result.class)
@SerdeImport(TabularFile.Issue.class)
class MinistryListController {
    private final MinistryListService lists;
    private final Uploads uploads;

    MinistryListController(MinistryListService lists, Uploads uploads) {
        this.uploads = uploads;
        this.lists = lists;
    }

    @Permits(Permission.IMPORT_RUN)
    @Post(value = "/{list}", consumes = MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Import the ministry's determination list (list=determinations) or returned records"
                    + " (list=returns) of a period (yyyy-mm): kept once per period and record id, matched to the"
                    + " registry; returned records the registry already corrected are counted apart")
    MinistryListService.Result importList(
            @PathVariable String tenantId,
            @PathVariable String list,
            @Nullable @QueryValue String period,
            CompletedFileUpload file,
            Caller caller) {
        return UploadedFiles.read(file, content -> {
            MinistryListService.Kind kind =
                    switch (list) {
                        case "determinations" -> MinistryListService.Kind.DETERMINATION;
                        case "returns" -> MinistryListService.Kind.RETURNED;
                        default -> throw new LumbungException(ErrorCode.NOT_FOUND, "No ministry list " + list);
                    };
            return uploads.withCopy(content, copy -> lists.importFile(caller, tenantId, kind, period, copy));
        });
    }
}
