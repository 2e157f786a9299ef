package id.lumbung.gateway.ministry;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.workflow.Determinations;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** The ministry's determination of a period read against what was sent, per village; corrections that came back. */
@Controller("/api/v1/tenants/{tenantId}/ministry/determinations/{period}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "ministry")
@SecurityRequirement(name = "bearer")
class DeterminationController {
    private final Determinations determinations;

    DeterminationController(Determinations determinations) {
        this.determinations = determinations;
    }

    @Permits(Permission.MINISTRY_READ)
    @Get("/comparison")
    @Operation(
            summary =
                    "Per village: households added, removed, changed, returned, desil changed, proposals still waiting;"
                            + " and the corrections or removals the ministry brought back, with their resubmissions")
    Determinations.Comparison read(@PathVariable String tenantId, @PathVariable String period, Caller caller) {
        return determinations.read(caller, tenantId, period);
    }

    @Permits(Permission.IMPORT_RUN)
    @Post("/comparison")
    @Operation(
            summary = "Settle the sent proposals against the period's lists: returned ones become correction tasks,"
                    + " determined ones DETERMINED; records that came back after a correction are flagged and"
                    + " resubmitted. Running it again changes nothing more")
    Determinations.Comparison settle(@PathVariable String tenantId, @PathVariable String period, Caller caller) {
        return determinations.settle(caller, tenantId, period);
    }

    @Permits(Permission.MINISTRY_READ)
    @Get(
            value = "/comparison.xlsx",
            produces = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", MediaType.APPLICATION_JSON
            })
    @Operation(summary = "The comparison's lines as an Excel workbook (village= one village)")
    HttpResponse<byte[]> workbook(
            @PathVariable String tenantId,
            @PathVariable String period,
            @Nullable @QueryValue @Size(max = 13) String village,
            Caller caller)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        determinations.write(caller, tenantId, period, village, out);
        return HttpResponse.ok(out.toByteArray())
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"penetapan-" + tenantId + "-" + period + ".xlsx\"");
    }
}
