package id.lumbung.gateway.identity;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.identity.CrossDuplicateRuns;
import id.lumbung.core.identity.DuplicateRun;
import id.lumbung.gateway.edge.PageQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** What the provinces found about a regency: persons it registered that another regency holds too. */
@Controller("/api/v1/tenants/{tenantId}/cross-duplicates")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "identity")
@SecurityRequirement(name = "bearer")
class CrossFindingController {
    private final CrossDuplicateRuns runs;

    CrossFindingController(CrossDuplicateRuns runs) {
        this.runs = runs;
    }

    @Permits(Permission.DUPLICATE_RUN)
    @Get
    @Operation(
            summary = "Persons this regency registered that another regency holds too, as its province found them:"
                    + " state=SAME (default; the province decided they are one person, for the two regencies to"
                    + " settle, e.g. by a transfer) or OPEN (undecided, each province's latest search). This"
                    + " regency's members with name and masked NIK for a caller reading all its households (the"
                    + " read audited); the other regency's by regency and village alone. Newest first, a page at a"
                    + " time with X-Total-Count and Link headers")
    HttpResponse<List<DuplicateRun.Cluster>> found(
            @PathVariable String tenantId,
            @Nullable @QueryValue String state,
            @RequestBean PageQuery page,
            Caller caller) {
        return page.answer(runs.aboutRegency(caller, tenantId, state, page.page()));
    }
}
