package id.lumbung.gateway.identity;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.identity.DuplicateRun;
import id.lumbung.core.identity.DuplicateRuns;
import id.lumbung.gateway.PathIds;
import id.lumbung.gateway.edge.PageQuery;
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
import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The same person listed more than once in a tenant's registry: found, explained, decided. */
@Controller("/api/v1/tenants/{tenantId}/duplicate-runs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "identity")
@SecurityRequirement(name = "bearer")
@SerdeImport(DuplicateRun.class)
@SerdeImport(DuplicateRun.Cluster.class)
@SerdeImport(DuplicateRun.Member.class)
@SerdeImport(DuplicateRun.Reason.class)
class DuplicateRunController {
    private final DuplicateRuns runs;

    DuplicateRunController(DuplicateRuns runs) {
        this.runs = runs;
    }

    @Permits(Permission.DUPLICATE_RUN)
    @Post
    @Operation(
            summary = "Look for the same person listed more than once in the registry (202 with the run; it works in"
                    + " the background, stage by stage; 409 duplicate_run_running while another run works)")
    HttpResponse<DuplicateRun> start(@PathVariable String tenantId, Caller caller) {
        DuplicateRun started = runs.start(caller, tenantId);
        return HttpResponse.accepted(URI.create("/api/v1/tenants/" + tenantId + "/duplicate-runs/" + started.id()))
                .body(started);
    }

    @Permits(Permission.DUPLICATE_RUN)
    @Get
    @Operation(
            summary = "The runs, newest first: a page at a time (size 1–500, default 100) with X-Total-Count and"
                    + " Link headers")
    HttpResponse<List<DuplicateRun>> recent(@PathVariable String tenantId, @RequestBean PageQuery page, Caller caller) {
        return page.answer(runs.page(caller, tenantId, page.page()));
    }

    @Permits(Permission.DUPLICATE_RUN)
    @Get("/{id}")
    @Operation(summary = "A run: its stage, records compared, persons found, and how many are open or decided")
    DuplicateRun progress(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return runs.find(caller, tenantId, runId(id));
    }

    @Permits(Permission.DUPLICATE_RUN)
    @Get("/{id}/clusters")
    @Operation(
            summary = "The persons found (kind=MATCH) and the pairs to look at (kind=REVIEW), newest first, each with"
                    + " its members (NIK masked) and why, field by field; state=OPEN for what waits for a decision."
                    + " A page at a time with X-Total-Count and Link headers; reads audited")
    HttpResponse<List<DuplicateRun.Cluster>> clusters(
            @PathVariable String tenantId,
            @PathVariable String id,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String kind,
            @RequestBean PageQuery page,
            Caller caller) {
        return page.answer(runs.clusters(caller, tenantId, runId(id), state, kind, page.page()));
    }

    /**
     * A decision.
     *
     * @param decision KEEP (the same person, both listings stay), MERGE (one record kept, the
     *     others point at it), NOT_SAME (two people: no later run joins them)
     * @param keep for MERGE: the member whose record stays
     */
    @Serdeable
    record Decide(@NotNull DuplicateRuns.Decision decision, @Nullable UUID keep) {}

    @Permits(Permission.DUPLICATE_DECIDE)
    @Post(uri = "/{id}/clusters/{clusterId}/decision", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Decide on a person found twice: KEEP, MERGE (with keep) or NOT_SAME; audited, merges written to"
                    + " the members' history; 409 duplicate_already_decided when someone decided first")
    DuplicateRun.Cluster decide(
            @PathVariable String tenantId,
            @PathVariable String id,
            @PathVariable String clusterId,
            @Valid @Body Decide body,
            Caller caller) {
        return runs.decide(caller, tenantId, runId(id), clusterId(clusterId), body.decision(), body.keep());
    }

    @Permits(Permission.DUPLICATE_DECIDE)
    @Post("/{id}/clusters/{clusterId}/undo")
    @Operation(
            summary = "Undo a decision, only what it changed itself: merged records are separate again, two people"
                    + " may be joined again (409 duplicate_not_merged when nothing was decided; with expected=MERGED,"
                    + " KEPT or NOT_SAME, the state the caller saw, 409 duplicate_already_decided if it changed)")
    DuplicateRun.Cluster undo(
            @PathVariable String tenantId,
            @PathVariable String id,
            @PathVariable String clusterId,
            @Nullable @QueryValue String expected,
            Caller caller) {
        return runs.undo(caller, tenantId, runId(id), clusterId(clusterId), expected);
    }

    private static UUID runId(String id) {
        return PathIds.uuid(id, ErrorCode.DUPLICATE_RUN_NOT_FOUND, "Duplicate run");
    }

    private static UUID clusterId(String id) {
        return PathIds.uuid(id, ErrorCode.DUPLICATE_CLUSTER_NOT_FOUND, "Cluster");
    }
}
