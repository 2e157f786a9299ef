package id.lumbung.gateway.onboarding;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.access.Public;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.onboarding.JoinRequestRow;
import id.lumbung.core.onboarding.JoinRequests;
import id.lumbung.core.onboarding.Onboarding;
import id.lumbung.core.ratelimit.RateLimits;
import id.lumbung.gateway.PathIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** A regency asks to join; its province approves (onboarding it) or refuses. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "onboarding")
class JoinRequestController {
    private final JoinRequests requests;
    private final RateLimits rateLimits;

    JoinRequestController(JoinRequests requests, RateLimits rateLimits) {
        this.requests = requests;
        this.rateLimits = rateLimits;
    }

    @Secured(SecurityRule.IS_ANONYMOUS)
    @Public("a regency not on the platform has no account yet; its province decides")
    @Post(value = "/join-requests", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "A regency asks to join (no login; rate-limited): 201; 409 tenant_exists, 409 join_request_pending,"
                            + " 409 username_taken")
    HttpResponse<JoinRequestRow> ask(@Valid @Body Ask body, HttpRequest<?> request) {
        rateLimits.login(request.getRemoteAddress().getAddress().getHostAddress(), "join-request");
        JoinRequestRow row = requests.ask(
                body.regionCode(), body.contactName(), body.contactPosition(), body.adminUsername(), body.note());
        return HttpResponse.created(
                row, URI.create("/api/v1/provinces/" + row.provinceId() + "/join-requests/" + row.id()));
    }

    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "bearer")
    @Permits(Permission.TENANT_ONBOARD)
    @Get("/provinces/{provinceId}/join-requests")
    @Operation(summary = "The province's requests to join, those waiting first (200 at most)")
    List<JoinRequestRow> list(@PathVariable @Size(max = 2) String provinceId, Caller caller) {
        return requests.list(caller, provinceId);
    }

    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "bearer")
    @Permits(Permission.TENANT_ONBOARD)
    @Post("/provinces/{provinceId}/join-requests/{id}/approve")
    @Operation(
            summary = "Approve a waiting request: the regency is onboarded with the province's template and its admin"
                    + " invited (the link shown once); 409 join_request_decided")
    Approved approve(@PathVariable @Size(max = 2) String provinceId, @PathVariable String id, Caller caller) {
        Onboarding.Onboarded onboarded =
                requests.approve(caller, provinceId, PathIds.uuid(id, ErrorCode.JOIN_REQUEST_NOT_FOUND, "Request"));
        var invitation = onboarded.invitation();
        return new Approved(
                onboarded.tenant().id(),
                onboarded.tenant().name(),
                onboarded.templateApplied(),
                invitation == null ? null : invitation.username(),
                invitation == null ? null : invitation.path(),
                invitation == null ? null : invitation.token(),
                invitation == null ? null : invitation.expiresAt());
    }

    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "bearer")
    @Permits(Permission.TENANT_ONBOARD)
    @Post(value = "/provinces/{provinceId}/join-requests/{id}/reject", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Refuse a waiting request, saying why (3 to 500 characters)")
    JoinRequestRow reject(
            @PathVariable @Size(max = 2) String provinceId,
            @PathVariable String id,
            @Valid @Body Reject body,
            Caller caller) {
        return requests.reject(
                caller, provinceId, PathIds.uuid(id, ErrorCode.JOIN_REQUEST_NOT_FOUND, "Request"), body.reason());
    }

    /**
     * A request to join.
     *
     * @param regionCode the regency's Kemendagri code
     * @param contactName who asks, at the social office
     * @param contactPosition their position (e.g. Kepala Dinas Sosial)
     * @param adminUsername the first admin's username, invited on approval
     */
    @Serdeable
    record Ask(
            @NotBlank @Size(max = 13) String regionCode,
            @NotBlank @Size(max = 100) String contactName,
            @NotBlank @Size(max = 100) String contactPosition,
            @NotBlank @Size(max = 64) String adminUsername,
            @Nullable @Size(max = 500) String note) {}

    /** Why a request is refused. */
    @Serdeable
    record Reject(@NotBlank @Size(max = 500) String reason) {}

    /** A request approved: the regency onboarded, and its first admin's link (shown this once). */
    @Serdeable
    record Approved(
            String tenantId,
            String name,
            boolean templateApplied,
            @Nullable String adminUsername,
            @Nullable String link,
            @Nullable String token,
            @Nullable Instant expiresAt) {}
}
