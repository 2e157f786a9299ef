package id.lumbung.gateway.verification;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.verification.Verification;
import id.lumbung.core.verification.VerificationService;
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

/** Registry members verified against Dukcapil element by element, a village at a time. */
@Controller("/api/v1/tenants/{tenantId}/verifications")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "verifications")
@SecurityRequirement(name = "bearer")
@SerdeImport(Verification.class)
@SerdeImport(Verification.Difference.class)
class VerificationController {
    private final VerificationService verifications;

    VerificationController(VerificationService verifications) {
        this.verifications = verifications;
    }

    /**
     * What to verify.
     *
     * @param village a village code; none: the whole registry (tenant-wide roles only)
     */
    @Serdeable
    record Start(@Nullable @Size(max = 13) String village) {}

    @Permits(Permission.VERIFICATION_RUN)
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Verify every living member with a NIK of a village (or the registry) against Dukcapil, element"
                    + " by element (202 with the batch; follow its progress)")
    HttpResponse<Verification> start(@PathVariable String tenantId, @Valid @Body Start body, Caller caller) {
        Verification started = verifications.start(caller, tenantId, body.village());
        return HttpResponse.accepted(URI.create("/api/v1/tenants/" + tenantId + "/verifications/" + started.id()))
                .body(started);
    }

    @Permits(Permission.VERIFICATION_READ)
    @Get
    @Operation(
            summary = "The verifications the caller reaches with their counts, newest first: a page at a time (size"
                    + " 1–500, default 100) with X-Total-Count and Link (next, prev) headers")
    HttpResponse<java.util.List<Verification>> recent(
            @PathVariable String tenantId, @RequestBean PageQuery page, Caller caller) {
        return page.answer(verifications.page(caller, tenantId, page.page()));
    }

    @Permits(Permission.VERIFICATION_READ)
    @Get("/{id}")
    @Operation(
            summary = "A verification: total, done, failed, and the members whose data differs from Dukcapil's (name,"
                    + " birth place or date, sex, KK, street, RT, RW; deceased; not found)")
    Verification progress(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return verifications.progress(
                caller, tenantId, PathIds.uuid(id, ErrorCode.VERIFICATION_NOT_FOUND, "Verification"));
    }
}
