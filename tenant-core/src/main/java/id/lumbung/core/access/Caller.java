package id.lumbung.core.access;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as established by authentication, and in which request. Its roles are facts
 * read from the database at each request; what they allow is decided by {@link Authorizer} alone.
 *
 * @param username the login name
 * @param roles the caller's roles
 * @param tenantIds the tenants a tenant-level role belongs to (empty for platform and province roles)
 * @param provinceId the province of a province admin, else {@code null}
 * @param villageCodes the villages a village-scoped role is limited to
 * @param requestId the request's correlation id, recorded in the audit log
 * @param purpose why the caller acts, as stated with the request (recorded in the audit log), or {@code null}
 */
public record Caller(
        String username,
        Set<Role> roles,
        Set<String> tenantIds,
        String provinceId,
        Set<String> villageCodes,
        String requestId,
        String purpose)
        implements Principal {

    public Caller {
        roles = Set.copyOf(roles);
        tenantIds = Set.copyOf(tenantIds);
        villageCodes = Set.copyOf(villageCodes);
        requestId = requestId == null ? UUID.randomUUID().toString() : requestId;
    }

    /** A caller with one role and no village scope, outside any request (tests, seeding). */
    public static Caller of(String username, Role role, Set<String> tenantIds, String provinceId) {
        return new Caller(username, Set.of(role), tenantIds, provinceId, Set.of(), null, null);
    }

    /** The login name (a caller is the request's principal: the API description leaves it out). */
    @Override
    public String getName() {
        return username;
    }

    /** Whether the caller belongs to this tenant (province admins oversee but do not belong). */
    public boolean belongsTo(String tenantId) {
        return tenantIds.contains(tenantId);
    }

    /** Roles joined for the audit log, e.g. {@code TENANT_ADMIN,VERIFIER}. */
    public String rolesText() {
        return String.join(",", roles.stream().map(Role::name).sorted().toList());
    }
}
