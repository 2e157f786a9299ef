package id.lumbung.gateway.onboarding;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.access.Public;
import id.lumbung.core.access.Role;
import id.lumbung.core.onboarding.Invitations;
import id.lumbung.core.onboarding.Onboarding;
import id.lumbung.core.ratelimit.RateLimits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Onboarding's other half: invitations, the province's template, and a new regency's checklist. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "onboarding")
@SerdeImport(Onboarding.Step.class)
@SerdeImport(Onboarding.Template.class)
@SerdeImport(Onboarding.Item.class)
class OnboardingController {
    private final Onboarding onboarding;
    private final Invitations invitations;
    private final RateLimits rateLimits;

    OnboardingController(Onboarding onboarding, Invitations invitations, RateLimits rateLimits) {
        this.onboarding = onboarding;
        this.invitations = invitations;
        this.rateLimits = rateLimits;
    }

    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "bearer")
    @Permits(value = Permission.USER_MANAGE, orElse = Permission.TENANT_ADMIN_ONBOARD)
    @Post(value = "/tenants/{tenantId}/invitations", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Invite someone to an account (tenant-wide roles): the answer's link, shown once, lets the invitee"
                            + " choose the password; the platform admin invites only a tenant's first admin")
    HttpResponse<InvitationResponse> invite(
            @PathVariable String tenantId, @Valid @Body InviteBody body, Caller caller) {
        Invitations.Invitation invitation = invitations.invite(
                caller, tenantId, body.username(), body.roles() == null ? List.of("TENANT_ADMIN") : body.roles());
        return HttpResponse.created(InvitationResponse.from(invitation), URI.create(invitation.path()));
    }

    @Secured(SecurityRule.IS_ANONYMOUS)
    @Public("an invitation's token is its own credential, used once")
    @Post(value = "/invitations/accept", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Accept an invitation: choose the password (404 invitation_not_found when unknown, used or expired)")
    HttpResponse<Accepted> accept(@Valid @Body AcceptBody body, HttpRequest<?> request) {
        rateLimits.login(request.getRemoteAddress().getAddress().getHostAddress(), "invitation");
        var account = invitations.accept(body.token(), body.password());
        return HttpResponse.created(new Accepted(account.username(), account.tenantId()));
    }

    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "bearer")
    @Permits(Permission.FIGURES_READ)
    @Get("/tenants/{tenantId}/checklist")
    @Operation(summary = "What a regency still lacks before it works: admin, verifier, approval chain, first import…")
    ChecklistResponse checklist(@PathVariable String tenantId, Caller caller) {
        Onboarding.Checklist checklist = onboarding.checklist(caller, tenantId);
        return new ChecklistResponse(
                checklist.tenant().id(),
                checklist.tenant().name(),
                checklist.done(),
                checklist.total(),
                checklist.items());
    }

    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "bearer")
    @Permits(Permission.PROVINCE_TEMPLATE)
    @Get("/provinces/{provinceId}/template")
    @Operation(summary = "The province's template for its new regencies (set=false: the national defaults)")
    Onboarding.Template template(@PathVariable @Size(max = 2) String provinceId, Caller caller) {
        return onboarding.template(caller, provinceId);
    }

    @Secured(SecurityRule.IS_AUTHENTICATED)
    @SecurityRequirement(name = "bearer")
    @Permits(Permission.PROVINCE_TEMPLATE)
    @Put(value = "/provinces/{provinceId}/template", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set the province's template: approval chain (1–9 steps) and identity thresholds, applied to the"
                    + " regencies onboarded from now on")
    Onboarding.Template saveTemplate(
            @PathVariable @Size(max = 2) String provinceId, @Valid @Body TemplateBody body, Caller caller) {
        return onboarding.saveTemplate(
                caller,
                provinceId,
                body.approvalChain() == null
                        ? List.of()
                        : body.approvalChain().stream()
                                .map(step -> step == null ? null : new Onboarding.Step(step.role(), step.label()))
                                .toList(),
                body.matchThreshold(),
                body.reviewThreshold());
    }

    /**
     * An invitation.
     *
     * @param username the account it creates
     * @param roles its roles (default {@code TENANT_ADMIN})
     */
    @Serdeable
    record InviteBody(@NotBlank @Size(max = 64) String username, @Nullable @Size(max = 9) List<String> roles) {}

    /**
     * An invitation made: the link is shown this once (pass it on to the invitee; it is never stored).
     *
     * @param link the path of the page where the invitee chooses a password
     * @param token the token, for {@code POST /api/v1/invitations/accept}
     */
    @Serdeable
    record InvitationResponse(
            String id,
            String tenantId,
            String username,
            List<String> roles,
            Instant expiresAt,
            String link,
            String token) {
        static InvitationResponse from(Invitations.Invitation invitation) {
            return new InvitationResponse(
                    invitation.id().toString(),
                    invitation.tenantId(),
                    invitation.username(),
                    invitation.roles().stream().map(Role::name).sorted().toList(),
                    invitation.expiresAt(),
                    invitation.path(),
                    invitation.token());
        }
    }

    /**
     * Accepting an invitation.
     *
     * @param token the invitation's token
     * @param password the password chosen (12 to 256 characters)
     */
    @Serdeable
    record AcceptBody(@NotBlank @Size(max = 100) String token, @NotBlank @Size(max = 256) String password) {
        @Override
        public String toString() {
            return "AcceptBody[]";
        }
    }

    /** The account created. */
    @Serdeable
    record Accepted(String username, String tenantId) {}

    /** A regency's checklist: {@code done} of {@code total} items Lumbung can tell. */
    @Serdeable
    record ChecklistResponse(String tenantId, String name, long done, long total, List<Onboarding.Item> items) {}

    /** A step of a template's chain. */
    @Serdeable
    record StepBody(@Nullable @Size(max = 30) String role, @Nullable @Size(max = 100) String label) {}

    /** A province's template. */
    @Serdeable
    record TemplateBody(
            @Nullable @Size(max = 9) List<@Valid StepBody> approvalChain,
            @NotNull Double matchThreshold,
            @NotNull Double reviewThreshold) {}
}
