package id.lumbung.gateway.civilsync;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.civilsync.CivilSync;
import id.lumbung.core.civilsync.CivilSyncService;
import id.lumbung.core.error.ErrorCode;
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
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;

/** The registry synchronised with Dukcapil: what is out of sync, resolved or waiting for a person. */
@Controller("/api/v1/tenants/{tenantId}/civil-syncs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "verifications")
@SecurityRequirement(name = "bearer")
@SerdeImport(CivilSync.class)
@SerdeImport(CivilSync.Item.class)
class CivilSyncController {
    private final CivilSyncService syncs;

    CivilSyncController(CivilSyncService syncs) {
        this.syncs = syncs;
    }

    /**
     * What to synchronise.
     *
     * @param village a village code; none: the whole registry (tenant-wide roles only)
     */
    @Serdeable
    record Start(@Nullable @Size(max = 13) String village) {}

    @Permits(Permission.VERIFICATION_RUN)
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Synchronise the registry (or a village) with Dukcapil: read locally, ask Dukcapil only about"
                    + " suspects (CALL_NIK), correct what it settles, list the rest with the fields that differ (202"
                    + " with the run; 409 civil_sync_running while another run asks)")
    HttpResponse<CivilSync> start(@PathVariable String tenantId, @Valid @Body Start body, Caller caller) {
        CivilSync started = syncs.start(caller, tenantId, body.village());
        return HttpResponse.accepted(URI.create("/api/v1/tenants/" + tenantId + "/civil-syncs/" + started.id()))
                .body(started);
    }

    @Permits(Permission.VERIFICATION_READ)
    @Get
    @Operation(
            summary = "The synchronisations with their counts, newest first: a page at a time (size 1–500, default"
                    + " 100) with X-Total-Count and Link (next, prev) headers")
    HttpResponse<List<CivilSync>> recent(@PathVariable String tenantId, @RequestBean PageQuery page, Caller caller) {
        return page.answer(syncs.page(caller, tenantId, page.page()));
    }

    @Permits(Permission.VERIFICATION_READ)
    @Get("/{id}")
    @Operation(summary = "A synchronisation: items asking Dukcapil, resolved automatically, waiting; per outcome")
    CivilSync progress(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return syncs.find(caller, tenantId, PathIds.uuid(id, ErrorCode.CIVIL_SYNC_NOT_FOUND, "Synchronisation"));
    }

    @Permits(Permission.VERIFICATION_READ)
    @Get("/{id}/items")
    @Operation(
            summary = "A synchronisation's records, newest first, of the caller's villages (state=WAITING for what a"
                    + " person must settle): why each was picked, what came of it, the fields that differ; a page at a"
                    + " time with X-Total-Count and Link headers")
    HttpResponse<List<CivilSync.Item>> items(
            @PathVariable String tenantId,
            @PathVariable String id,
            @Nullable @QueryValue String state,
            @RequestBean PageQuery page,
            Caller caller) {
        return page.answer(syncs.items(
                caller,
                tenantId,
                PathIds.uuid(id, ErrorCode.CIVIL_SYNC_NOT_FOUND, "Synchronisation"),
                state,
                page.page()));
    }
}
