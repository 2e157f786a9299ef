package id.lumbung.gateway.identity;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.identity.CrossDuplicateRun;
import id.lumbung.core.identity.CrossDuplicateRuns;
import id.lumbung.core.identity.DuplicateRun;
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

/** The same person registered in two regencies: a province's search, its findings and decisions. */
@Controller("/api/v1/provinces/{provinceId}/duplicate-runs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "identity")
@SecurityRequirement(name = "bearer")
@SerdeImport(CrossDuplicateRun.class)
class CrossDuplicateRunController {
    private final CrossDuplicateRuns runs;

    CrossDuplicateRunController(CrossDuplicateRuns runs) {
        this.runs = runs;
    }

    /**
     * What to search.
     *
     * @param scope PROVINCE (the province's regencies with each other, the default) or NATIONAL
     *     (every regency; only persons with a record in the province are kept)
     */
    @Serdeable
    record Start(@Nullable CrossDuplicateRuns.Scope scope) {}

    @Permits(Permission.DUPLICATE_ACROSS)
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Look for the same person registered in two regencies of the province (scope PROVINCE) or in a"
                    + " regency of the province and one elsewhere (NATIONAL): 202 with the run, which works in the"
                    + " background; 409 duplicate_run_running while another works; 404 province_not_found for"
                    + " another province than the caller's")
    HttpResponse<CrossDuplicateRun> start(@PathVariable String provinceId, @Valid @Body Start body, Caller caller) {
        CrossDuplicateRun started =
                runs.start(caller, provinceId, body.scope() == null ? CrossDuplicateRuns.Scope.PROVINCE : body.scope());
        return HttpResponse.accepted(URI.create("/api/v1/provinces/" + provinceId + "/duplicate-runs/" + started.id()))
                .body(started);
    }

    @Permits(Permission.DUPLICATE_ACROSS)
    @Get
    @Operation(summary = "The province's searches, newest first, a page at a time with X-Total-Count and Link headers")
    HttpResponse<List<CrossDuplicateRun>> recent(
            @PathVariable String provinceId, @RequestBean PageQuery page, Caller caller) {
        return page.answer(runs.page(caller, provinceId, page.page()));
    }

    @Permits(Permission.DUPLICATE_ACROSS)
    @Get("/{id}")
    @Operation(summary = "A search: its stage, regencies and records compared, persons found, decisions so far")
    CrossDuplicateRun progress(@PathVariable String provinceId, @PathVariable String id, Caller caller) {
        return runs.find(caller, provinceId, runId(id));
    }

    @Permits(Permission.DUPLICATE_ACROSS)
    @Get("/{id}/clusters")
    @Operation(
            summary = "The persons found in two regencies (kind=MATCH) and the pairs to look at (kind=REVIEW), each"
                    + " member with its regency; name, masked NIK, birth date and sex only for regencies whose"
                    + " households the caller may read (village only elsewhere); why, field by field; reads audited"
                    + " in each regency shown")
    HttpResponse<List<DuplicateRun.Cluster>> clusters(
            @PathVariable String provinceId,
            @PathVariable String id,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String kind,
            @RequestBean PageQuery page,
            Caller caller) {
        return page.answer(runs.clusters(caller, provinceId, runId(id), state, kind, page.page()));
    }

    /**
     * A decision.
     *
     * @param decision SAME (one person registered twice: the regencies settle which keeps the
     *     family) or NOT_SAME (two people: no later search joins them)
     */
    @Serdeable
    record Decide(@NotNull CrossDuplicateRuns.Decision decision) {}

    @Permits(Permission.DUPLICATE_ACROSS)
    @Post(uri = "/{id}/clusters/{clusterId}/decision", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Decide on a person found in two regencies: SAME or NOT_SAME; audited in each regency; 409"
                    + " duplicate_already_decided when decided already")
    DuplicateRun.Cluster decide(
            @PathVariable String provinceId,
            @PathVariable String id,
            @PathVariable String clusterId,
            @Valid @Body Decide body,
            Caller caller) {
        return runs.decide(caller, provinceId, runId(id), clusterId(clusterId), body.decision());
    }

    @Permits(Permission.DUPLICATE_ACROSS)
    @Post("/{id}/clusters/{clusterId}/undo")
    @Operation(
            summary = "Undo a decision (409 duplicate_not_merged when none; with expected=SAME or NOT_SAME, 409"
                    + " duplicate_already_decided if it changed meanwhile)")
    DuplicateRun.Cluster undo(
            @PathVariable String provinceId,
            @PathVariable String id,
            @PathVariable String clusterId,
            @Nullable @QueryValue String expected,
            Caller caller) {
        return runs.undo(caller, provinceId, runId(id), clusterId(clusterId), expected);
    }

    private static java.util.UUID runId(String id) {
        return PathIds.uuid(id, ErrorCode.DUPLICATE_RUN_NOT_FOUND, "Duplicate run");
    }

    private static java.util.UUID clusterId(String id) {
        return PathIds.uuid(id, ErrorCode.DUPLICATE_CLUSTER_NOT_FOUND, "Cluster");
    }
}
