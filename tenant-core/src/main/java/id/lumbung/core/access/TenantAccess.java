package id.lumbung.core.access;

import id.lumbung.core.error.LumbungException;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantRepository;
import jakarta.inject.Singleton;

/**
 * The first layer of tenant isolation: the caller's token against the tenant in the path.
 * A tenant the caller may not see answers exactly like a tenant that does not exist (404).
 */
@Singleton
public final class TenantAccess {
    private final TenantRepository tenants;

    TenantAccess(TenantRepository tenants) {
        this.tenants = tenants;
    }

    /** The tenant, if the caller may see it; otherwise {@code tenant_not_found}. */
    public Tenant visible(Caller caller, String tenantId) {
        Tenant tenant = tenants.findById(tenantId).orElseThrow(() -> LumbungException.tenantNotFound(tenantId));
        if (!canSee(caller, tenant)) {
            throw LumbungException.tenantNotFound(tenantId);
        }
        return tenant;
    }

    /** The tenant, if the caller may read the personal data held in it. */
    public Tenant readPersonalData(Caller caller, String tenantId) {
        Tenant tenant = visible(caller, tenantId);
        if (caller.isPlatformAdmin()) {
            throw LumbungException.forbidden(
                    "personal_data_not_permitted", "The platform admin role has no access to personal data");
        }
        return tenant;
    }

    /** The tenant, if the caller may change data held in it. */
    public Tenant write(Caller caller, String tenantId) {
        Tenant tenant = readPersonalData(caller, tenantId);
        if (caller.role() == Role.PROVINCE_ADMIN) {
            throw LumbungException.forbidden(
                    "read_only_role", "A province admin reads the tenants of its province but cannot change them");
        }
        return tenant;
    }

    public boolean canSee(Caller caller, Tenant tenant) {
        return switch (caller.role()) {
            case PLATFORM_ADMIN -> true;
            case PROVINCE_ADMIN -> tenant.provinceId().equals(caller.provinceId());
            case TENANT_ADMIN -> caller.tenantIds().contains(tenant.id());
        };
    }
}
