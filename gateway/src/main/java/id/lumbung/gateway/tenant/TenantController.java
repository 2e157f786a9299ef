package id.lumbung.gateway.tenant;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
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

    TenantController(TenantService tenants, Authorizer access) {
        this.tenants = tenants;
        this.access = access;
    }

    @Permits(Permission.TENANT_ONBOARD)
    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Onboard a regency/city as a tenant (platform admin)")
    HttpResponse<TenantResponse> create(@Valid @Body CreateTenantRequest request, Caller caller) {
        Tenant tenant = tenants.create(caller, request.regionCode());
        return HttpResponse.created(TenantResponse.from(tenant), URI.create("/api/v1/tenants/" + tenant.id()));
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
     */
    @Serdeable
    record CreateTenantRequest(@NotBlank @Size(max = 13) String regionCode) {}

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
