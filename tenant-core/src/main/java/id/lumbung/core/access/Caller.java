package id.lumbung.core.access;

import java.util.Set;

/**
 * Who is calling, as established by authentication.
 *
 * @param username the login name
 * @param role the caller's role
 * @param tenantIds the tenants a tenant-level role belongs to (empty for platform and province roles)
 * @param provinceId the province of a province admin, else {@code null}
 */
public record Caller(String username, Role role, Set<String> tenantIds, String provinceId) {

    public Caller {
        tenantIds = Set.copyOf(tenantIds);
    }

    public boolean isPlatformAdmin() {
        return role == Role.PLATFORM_ADMIN;
    }
}
