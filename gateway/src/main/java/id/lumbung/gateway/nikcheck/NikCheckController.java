package id.lumbung.gateway.nikcheck;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.nikcheck.NikCheck;
import id.lumbung.core.nikcheck.NikCheckService;
import id.lumbung.core.paging.PageRequest;
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
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** NIK checks against Dukcapil, asynchronous through the outbox. */
@Controller("/api/v1/tenants/{tenantId}/nik-checks")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "nik-checks")
@SecurityRequirement(name = "bearer")
class NikCheckController {
    private final NikCheckService nikChecks;

    NikCheckController(NikCheckService nikChecks) {
        this.nikChecks = nikChecks;
    }

    @Permits(Permission.NIK_CHECK_RUN)
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a NIK's shape now and queue its verification with Dukcapil (202)")
    HttpResponse<NikCheckResponse> submit(
            @PathVariable String tenantId, @Valid @Body NikCheckRequest request, Caller caller) {
        NikCheck check = nikChecks.submit(caller, tenantId, request.nik());
        return HttpResponse.accepted(URI.create("/api/v1/tenants/" + tenantId + "/nik-checks/" + check.id()))
                .body(NikCheckResponse.from(check));
    }

    @Permits(Permission.NIK_CHECK_RUN)
    @Post(value = "/batch", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Queue checks of up to 1,000 NIKs at once (202); one malformed NIK refuses the batch with its"
                    + " position")
    HttpResponse<List<NikCheckResponse>> submitBatch(
            @PathVariable String tenantId, @Valid @Body NikCheckBatch batch, Caller caller) {
        return HttpResponse.accepted()
                .body(nikChecks.submitAll(caller, tenantId, batch.niks()).stream()
                        .map(NikCheckResponse::from)
                        .toList());
    }

    /**
     * NIKs to check.
     *
     * @param niks the 16-digit NIKs
     */
    @Serdeable
    record NikCheckBatch(@NotNull @Size(max = 10_000) List<@NotNull @Size(max = 64) String> niks) {
        @Override
        public String toString() {
            return "NikCheckBatch[" + (niks == null ? 0 : niks.size()) + " NIKs]";
        }
    }

    @Permits(Permission.NIK_CHECK_READ)
    @Get
    @Operation(
            summary = "The tenant's NIK checks, newest first: a page at a time (size 1–500, default 100; limit is the"
                    + " older name of size) with X-Total-Count and Link (next, prev) headers")
    io.micronaut.http.HttpResponse<List<NikCheckResponse>> list(
            @PathVariable String tenantId,
            @Nullable @QueryValue Integer limit,
            @RequestBean PageQuery page,
            Caller caller) {
        return page.answer(nikChecks
                .page(
                        caller,
                        tenantId,
                        PageRequest.of(page.after(), page.before(), page.size() != null ? page.size() : limit))
                .map(NikCheckResponse::from));
    }

    @Permits(Permission.NIK_CHECK_READ)
    @Get("/{id}")
    @Operation(summary = "A NIK check and, once Dukcapil answered, its result")
    NikCheckResponse get(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return NikCheckResponse.from(
                nikChecks.find(caller, tenantId, PathIds.uuid(id, ErrorCode.NIK_CHECK_NOT_FOUND, "NIK check")));
    }

    @Permits({Permission.NIK_CHECK_READ, Permission.IDENTIFIER_REVEAL})
    @Get("/{id}/nik")
    @Operation(summary = "The check's full NIK, for a verifier or the DPO (audited)")
    FullNik revealNik(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return new FullNik(
                nikChecks.revealNik(caller, tenantId, PathIds.uuid(id, ErrorCode.NIK_CHECK_NOT_FOUND, "NIK check")));
    }

    /**
     * A full NIK.
     *
     * @param nik the 16 digits
     */
    @Serdeable
    record FullNik(String nik) {
        @Override
        public String toString() {
            return "FullNik[***]";
        }
    }

    /**
     * A NIK to check.
     *
     * @param nik the 16-digit NIK
     */
    @Serdeable
    record NikCheckRequest(@NotNull @Size(max = 64) String nik) {
        @Override
        public String toString() {
            return "NikCheckRequest[nik=" + id.lumbung.core.nik.Nik.mask(nik) + "]";
        }
    }

    /**
     * A NIK check.
     *
     * @param id the check's id
     * @param tenantId the tenant
     * @param nik the NIK, masked
     * @param status QUEUED, RETRYING, DONE or FAILED
     * @param result FOUND, NOT_FOUND, DECEASED, MULTIPLE, INACTIVE or INVALID once DONE
     * @param attempts calls made to Dukcapil
     * @param lastError the last transport failure
     * @param createdAt when it was asked
     * @param completedAt when Dukcapil answered
     */
    @Serdeable
    record NikCheckResponse(
            UUID id,
            String tenantId,
            String nik,
            String status,
            String result,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant completedAt) {
        static NikCheckResponse from(NikCheck check) {
            return new NikCheckResponse(
                    check.id(),
                    check.tenantId(),
                    check.nikMasked(),
                    check.status().name(),
                    check.result() == null ? null : check.result().name(),
                    check.attempts(),
                    check.lastError(),
                    check.createdAt(),
                    check.completedAt());
        }
    }
}
