package id.lumbung.gateway.access;

import id.lumbung.core.access.AccessMatrix;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.access.Public;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The permission matrix: the national default, and a tenant's narrowing of it. */
@Controller("/api/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "permissions")
@SecurityRequirement(name = "bearer")
@SerdeImport(AccessMatrix.RoleGrants.class)
@SerdeImport(AccessMatrix.Grant.class)
class PermissionController {
    private final AccessMatrix matrix;

    PermissionController(AccessMatrix matrix) {
        this.matrix = matrix;
    }

    @Get("/permissions")
    @Public("the national matrix is the platform's published rule, the same for every caller")
    @Operation(summary = "The national role → permission matrix, with each grant's reach (TENANT, VILLAGES, ASSIGNED)")
    List<AccessMatrix.RoleGrants> national() {
        return matrix.national();
    }

    @Get("/tenants/{tenantId}/permissions")
    @Permits(Permission.USER_READ)
    @Operation(summary = "The tenant's matrix: each of its roles' permissions, and those the tenant took away")
    List<AccessMatrix.RoleGrants> ofTenant(@PathVariable String tenantId, Caller caller) {
        return matrix.ofTenant(caller, tenantId);
    }

    @Put(value = "/tenants/{tenantId}/permissions/{role}", consumes = MediaType.APPLICATION_JSON)
    @Permits(Permission.USER_MANAGE)
    @Operation(
            summary = "Take permissions away from one of the tenant's roles (replacing what was taken before);"
                    + " never more than the national default grants; audited")
    AccessMatrix.RoleGrants narrow(
            @PathVariable String tenantId, @PathVariable String role, @Valid @Body Narrowing body, Caller caller) {
        return matrix.narrow(caller, tenantId, role, body.denied());
    }

    /**
     * What a tenant takes away from a role.
     *
     * @param denied the permissions the role no longer holds in this tenant (empty: the national default)
     */
    @Serdeable
    record Narrowing(
            @NotNull @Size(max = 64) List<@NotNull @Size(max = 64) @Pattern(regexp = "[A-Z_]+") String> denied) {}
}
