package id.lumbung.gateway.tenant;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.onboarding.Onboarding;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantService;
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

/** Tenants: the regency/city social offices on the platform. */
@Controller("/api/v1/tenants")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "tenants")
@SecurityRequirement(name = "bearer")
class TenantController {
    private final TenantService tenants;
    private final Authorizer access;
    private final Onboarding onboarding;

    TenantController(TenantService tenants, Authorizer access, Onboarding onboarding) {
        this.tenants = tenants;
        this.access = access;
        this.onboarding = onboarding;
    }

    @Permits(Permission.TENANT_ONBOARD)
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Onboard a regency/city (platform admin, or its province's admin: another province's answers 422"
                    + " region_outside_province) with its province's template and, given adminUsername, the one-time"
                    + " invitation of its first admin")
    HttpResponse<Onboarded> create(@Valid @Body CreateTenantRequest request, Caller caller) {
        Onboarding.Onboarded onboarded = onboarding.onboard(caller, request.regionCode(), request.adminUsername());
        Tenant tenant = onboarded.tenant();
        var invitation = onboarded.invitation();
        return HttpResponse.created(
                new Onboarded(
                        tenant.id(),
                        tenant.name(),
                        tenant.provinceId(),
                        tenant.regionCode(),
                        tenant.createdAt(),
                        onboarded.templateApplied(),
                        invitation == null
                                ? null
                                : new FirstAdmin(
                                        invitation.username(),
                                        invitation.path(),
                                        invitation.token(),
                                        invitation.expiresAt())),
                URI.create("/api/v1/tenants/" + tenant.id()));
    }

    @Permits(Permission.TENANT_READ)
    @Get
    @Operation(summary = "The tenants the caller may see")
    List<TenantResponse> list(Caller caller) {
        return tenants.visibleTo(caller).stream().map(TenantResponse::from).toList();
    }

    @Permits(Permission.TENANT_READ)
    @Get("/{tenantId}")
    @Operation(summary = "One tenant, if the caller may see it (else 404)")
    TenantResponse get(@PathVariable String tenantId, Caller caller) {
        return TenantResponse.from(access.require(caller, Permission.TENANT_READ, tenantId));
    }

    /**
     * Onboarding request.
     *
     * @param regionCode the Kemendagri regency/city code, e.g. {@code 74.71} or {@code 7471}
     * @param adminUsername the first tenant admin to invite, or none
     */
    @Serdeable
    record CreateTenantRequest(
            @NotBlank @Size(max = 13) String regionCode,
            @io.micronaut.core.annotation.Nullable @Size(max = 64) String adminUsername) {}

    /**
     * A regency onboarded.
     *
     * @param templateApplied whether its province's template (approval chain, thresholds) was applied
     * @param firstAdmin the invitation of its first admin, shown this once, or {@code null}
     */
    @Serdeable
    record Onboarded(
            String id,
            String name,
            String provinceId,
            String regionCode,
            Instant createdAt,
            boolean templateApplied,
            @io.micronaut.core.annotation.Nullable FirstAdmin firstAdmin) {}

    /**
     * The first admin's invitation.
     *
     * @param link the page where the admin chooses a password (one use, seven days)
     */
    @Serdeable
    record FirstAdmin(String username, String link, String token, Instant expiresAt) {}

    /**
     * A tenant.
     *
     * @param id the regency/city code without dots, e.g. {@code 7471}
     * @param name the official name, e.g. {@code KOTA KENDARI}
     * @param provinceId the province code, e.g. {@code 74}
     * @param regionCode the dotted Kemendagri code
     * @param createdAt when it was onboarded
     */
    @Serdeable
    record TenantResponse(String id, String name, String provinceId, String regionCode, Instant createdAt) {
        static TenantResponse from(Tenant tenant) {
            return new TenantResponse(
                    tenant.id(), tenant.name(), tenant.provinceId(), tenant.regionCode(), tenant.createdAt());
        }
    }
}
