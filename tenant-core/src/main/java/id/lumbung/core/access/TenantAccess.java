package id.lumbung.core.access;

import id.lumbung.core.error.LumbungException;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantRepository;
import jakarta.inject.Singleton;

/**
 * The first layer of tenant isolation: the caller's token against the tenant in the path.
 * A tenant the caller may not see answers exactly like a tenant that does not exist (404);
 * a visible tenant where the caller's roles do not allow the act answers 403.
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
        if (caller.roles().stream().noneMatch(Role::readsPersonalData)) {
            throw LumbungException.forbidden(
                    "personal_data_not_permitted", "None of the caller's roles may read personal data");
        }
        return tenant;
    }

    /** The tenant, if the caller may change data held in it. */
    public Tenant write(Caller caller, String tenantId) {
        Tenant tenant = visible(caller, tenantId);
        if (caller.isPlatformAdmin() && !caller.belongsTo(tenantId)) {
            throw LumbungException.forbidden(
                    "personal_data_not_permitted", "The platform admin role has no access to personal data");
        }
        if (!caller.belongsTo(tenantId) || caller.roles().stream().noneMatch(Role::writes)) {
            throw LumbungException.forbidden("read_only_role", "The caller's roles only read in this tenant");
        }
        return tenant;
    }

    /** The tenant, if the caller may read its audit log. */
    public Tenant readAudit(Caller caller, String tenantId) {
        Tenant tenant = visible(caller, tenantId);
        if (!caller.belongsTo(tenantId) || caller.roles().stream().noneMatch(Role::readsAudit)) {
            throw LumbungException.forbidden("auditor_role_required", "Only an auditor or the DPO reads the audit log");
        }
        return tenant;
    }

    /** The tenant, if the caller manages its users: its tenant admin, or the platform admin onboarding it. */
    public Tenant manageUsers(Caller caller, String tenantId) {
        Tenant tenant = visible(caller, tenantId);
        boolean tenantAdmin = caller.has(Role.TENANT_ADMIN) && caller.belongsTo(tenantId);
        if (!tenantAdmin && !caller.isPlatformAdmin()) {
            throw LumbungException.forbidden(
                    "tenant_admin_required", "Only the tenant's admin or the platform admin manages its users");
        }
        return tenant;
    }

    public boolean canSee(Caller caller, Tenant tenant) {
        return caller.isPlatformAdmin()
                || (caller.has(Role.PROVINCE_ADMIN) && tenant.provinceId().equals(caller.provinceId()))
                || (caller.belongsTo(tenant.id()) && !caller.roles().isEmpty());
    }
}
