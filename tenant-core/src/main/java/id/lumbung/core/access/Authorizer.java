package id.lumbung.core.access;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantRepository;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place that decides what a caller may do: its roles, the permission matrix (national,
 * narrowed by the tenant) and how far each grant reaches. No other class decides on a role (an
 * ArchUnit rule keeps it so; the list of tenants only names the caller's roles as labels).
 *
 * <p>Two answers, in this order. A tenant the caller may not see answers exactly like a tenant
 * that does not exist ({@code 404 tenant_not_found}): a platform role sees every tenant, a
 * province role the tenants of its province, a tenant role its own. A visible tenant where no
 * role of the caller holds the verb, or holds it only for part of the tenant when the act needs
 * the whole, answers {@code 403 permission_denied}.
 */
@Singleton
public final class Authorizer {
    private static final Pattern TENANT_ID = Pattern.compile("[0-9]{4}");

    private final TenantRepository tenants;
    private final PermissionMatrix matrix;
    private final Map<String, Tenant> onboarded = new java.util.concurrent.ConcurrentHashMap<>();

    private final BreakGlassLedger breakGlass;

    Authorizer(TenantRepository tenants, PermissionMatrix matrix, BreakGlassLedger breakGlass) {
        this.tenants = tenants;
        this.matrix = matrix;
        this.breakGlass = breakGlass;
    }

    /**
     * A verb granted in a tenant, and how far it reaches.
     *
     * @param tenant the tenant
     * @param reach what of its households the grant reaches
     */
    public record Grant(Tenant tenant, Reach reach) {}

    /** The roles of a tenant's first account, which onboarding invites: its admin. */
    public static final Set<Role> FIRST_ACCOUNT = Set.of(Role.TENANT_ADMIN);

    /** The tenant, if the caller may see it; otherwise {@code tenant_not_found}. */
    public Tenant visible(Caller caller, String tenantId) {
        Tenant tenant = find(tenantId);
        if (tenant == null || !canSee(caller, tenant)) {
            throw LumbungException.tenantNotFound(tenantId == null ? "" : tenantId);
        }
        return tenant;
    }

    /** Whether any role of the caller applies to the tenant. */
    public boolean canSee(Caller caller, Tenant tenant) {
        return caller.roles().stream().anyMatch(role -> appliesTo(caller, role, tenant));
    }

    /** A verb for part of a tenant or all of it: the grant with its reach, or a refusal. */
    public Grant grant(Caller caller, Permission permission, String tenantId) {
        Tenant tenant = visible(caller, tenantId);
        Reach reach = reach(caller, permission, tenant);
        if (reach == null) {
            throw reasoned(caller, permission, tenant) ? breakGlassRequired(permission) : denied(permission);
        }
        return new Grant(tenant, reach);
    }

    /** A verb acting on the whole tenant: the tenant, or a refusal (also when the caller reaches only part of it). */
    public Tenant require(Caller caller, Permission permission, String tenantId) {
        Grant grant = grant(caller, permission, tenantId);
        if (!grant.reach().everything()) {
            throw denied(permission);
        }
        return grant.tenant();
    }

    /**
     * Acting on one of a tenant's user accounts (creating it, resetting its password): the
     * tenant's {@code USER_MANAGE} covers every account; onboarding's {@code TENANT_ADMIN_ONBOARD}
     * only an account that is a tenant admin and nothing else — the platform admin never makes or
     * opens any other account in a tenant.
     */
    public Tenant requireAccount(Caller caller, String tenantId, Set<Role> accountRoles) {
        Tenant tenant = visible(caller, tenantId);
        if (permits(caller, Permission.USER_MANAGE, tenantId)) {
            return tenant;
        }
        require(caller, Permission.TENANT_ADMIN_ONBOARD, tenantId);
        if (!accountRoles.equals(Set.of(Role.TENANT_ADMIN))) {
            throw denied(Permission.USER_MANAGE);
        }
        return tenant;
    }

    /** A verb of the platform itself (onboarding tenants and provinces, metrics), held by a platform role. */
    public void requirePlatform(Caller caller, Permission permission) {
        boolean held = caller.roles().stream()
                .anyMatch(role -> role.level() == Role.Level.PLATFORM
                        && matrix.national(role).containsKey(permission));
        if (!held) {
            throw denied(permission);
        }
    }

    /** Whether the caller holds the verb in the tenant (with any reach); never throws. */
    public boolean permits(Caller caller, Permission permission, String tenantId) {
        Tenant tenant = find(tenantId);
        return tenant != null && canSee(caller, tenant) && reach(caller, permission, tenant) != null;
    }

    /** Every verb the caller holds in the tenant (none if it cannot see it): what a page may offer. */
    public Set<Permission> permissions(Caller caller, String tenantId) {
        Tenant tenant = find(tenantId);
        Set<Permission> held = EnumSet.noneOf(Permission.class);
        if (tenant != null && canSee(caller, tenant)) {
            for (Permission permission : Permission.values()) {
                if (reach(caller, permission, tenant) != null) {
                    held.add(permission);
                }
            }
        }
        return held;
    }

    /**
     * The regencies of a province in which the caller holds the verb for the whole tenant: a
     * platform role oversees every province, a province role its own. Another province answers
     * {@code 404 province_not_found} (as a tenant one may not see); a caller holding the verb
     * nowhere, or not as the one overseeing, {@code 403}.
     */
    public java.util.List<Tenant> overseen(Caller caller, Permission permission, String provinceId) {
        if (!holdsAnywhere(caller, permission)) {
            throw denied(permission);
        }
        java.util.List<Role> overseeing = caller.roles().stream()
                .filter(role -> role.level() == Role.Level.PLATFORM
                        || (role.level() == Role.Level.PROVINCE
                                && provinceId != null
                                && provinceId.equals(caller.provinceId())))
                .toList();
        if (overseeing.isEmpty()) {
            throw new LumbungException(ErrorCode.PROVINCE_NOT_FOUND, "No province " + provinceId + " is visible");
        }
        if (overseeing.stream().noneMatch(role -> matrix.national(role).containsKey(permission))) {
            throw denied(permission);
        }
        return tenants.findAll().stream()
                .filter(tenant -> tenant.provinceId().equals(provinceId))
                .filter(tenant -> {
                    Reach reach = reach(caller, permission, tenant);
                    return reach != null && reach.everything();
                })
                .toList();
    }

    /**
     * Onboarding a regency of this province: a platform role holding {@code TENANT_ONBOARD}, or a
     * province role holding it in its own province ({@code 422 region_outside_province} for another).
     */
    public void requireOnboarding(Caller caller, String provinceId) {
        if (!holdsAnywhere(caller, Permission.TENANT_ONBOARD)) {
            throw denied(Permission.TENANT_ONBOARD);
        }
        boolean platform = caller.roles().stream()
                .anyMatch(role -> role.level() == Role.Level.PLATFORM
                        && matrix.national(role).containsKey(Permission.TENANT_ONBOARD));
        if (platform) {
            return;
        }
        boolean province = caller.roles().stream()
                .anyMatch(role -> role.level() == Role.Level.PROVINCE
                        && matrix.national(role).containsKey(Permission.TENANT_ONBOARD));
        if (!province) {
            throw denied(Permission.TENANT_ONBOARD);
        }
        if (provinceId == null || !provinceId.equals(caller.provinceId())) {
            throw new LumbungException(
                    ErrorCode.REGION_OUTSIDE_PROVINCE, "The regency is in province " + provinceId + ", not yours");
        }
    }

    /** Whether the caller oversees the province with the verb ({@link #overseen} would answer); never throws. */
    public boolean oversees(Caller caller, Permission permission, String provinceId) {
        try {
            overseen(caller, permission, provinceId);
            return true;
        } catch (LumbungException e) {
            return false;
        }
    }

    /** Whether any of the caller's roles holds the verb anywhere (in the national matrix). */
    public boolean holdsAnywhere(Caller caller, Permission permission) {
        return caller.roles().stream().anyMatch(role -> matrix.national(role).containsKey(permission));
    }

    /**
     * The approval chain of a tenant that has not set its own (Permensos 3/2021): after the
     * office's verifiers verified the proposals and put them on a list, the head of office, then
     * the Bupati/Wali Kota.
     */
    public static final java.util.List<ApprovalStep> DEFAULT_CHAIN = java.util.List.of(
            new ApprovalStep(1, Role.TENANT_ADMIN, "Kepala Dinas Sosial"),
            new ApprovalStep(2, Role.APPROVER, "Bupati/Wali Kota"));

    /** A step of an approval chain: its position, the role that decides there, and its name. */
    public record ApprovalStep(int position, Role role, String label) {}

    /** Whether a role may decide at a step of an approval chain: a tenant's role holding {@code PROPOSAL_APPROVE}. */
    public boolean mayApproveAt(Role role) {
        return role.level() == Role.Level.TENANT && matrix.national(role).containsKey(Permission.PROPOSAL_APPROVE);
    }

    /**
     * Whether the caller decides at a chain's step in this tenant: it holds the step's role there,
     * and the role's {@code PROPOSAL_APPROVE} is not taken away by the tenant.
     */
    public boolean decidesAs(Caller caller, String tenantId, Role role) {
        Tenant tenant = find(tenantId);
        return tenant != null
                && caller.roles().contains(role)
                && appliesTo(caller, role, tenant)
                && matrix.national(role).containsKey(Permission.PROPOSAL_APPROVE)
                && !matrix.denied(tenantId).contains(new PermissionMatrix.Denial(role, Permission.PROPOSAL_APPROVE));
    }

    /** As {@link #decidesAs}, for an account of the tenant that delegated its step (it is away). */
    public boolean accountDecidesAs(java.util.Set<Role> accountRoles, String tenantId, Role role) {
        return accountRoles.contains(role)
                && role.level() == Role.Level.TENANT
                && matrix.national(role).containsKey(Permission.PROPOSAL_APPROVE)
                && !matrix.denied(tenantId).contains(new PermissionMatrix.Denial(role, Permission.PROPOSAL_APPROVE));
    }

    /** Whether users with these roles work in named villages (a village operator, a field worker). */
    public boolean needVillages(Set<Role> roles) {
        return roles.stream()
                .flatMap(role -> matrix.national(role).values().stream())
                .anyMatch(
                        scope -> scope == PermissionMatrix.Scope.VILLAGES || scope == PermissionMatrix.Scope.ASSIGNED);
    }

    /** Whether households can be assigned to users with these roles (a field worker). */
    public boolean takeAssignments(Set<Role> roles) {
        return roles.stream()
                .flatMap(role -> matrix.national(role).values().stream())
                .anyMatch(scope -> scope == PermissionMatrix.Scope.ASSIGNED);
    }

    /**
     * The union of what the caller's roles that apply to the tenant and hold the verb (not taken
     * away by the tenant) reach, or {@code null} when none does.
     */
    private Reach reach(Caller caller, Permission permission, Tenant tenant) {
        Set<PermissionMatrix.Denial> denied = null;
        boolean granted = false;
        Set<String> villages = new LinkedHashSet<>();
        String assignedTo = null;
        for (Role role : caller.roles()) {
            if (!appliesTo(caller, role, tenant)) {
                continue;
            }
            PermissionMatrix.Scope scope = matrix.national(role).get(permission);
            if (scope == null) {
                continue;
            }
            if (role.level() == Role.Level.TENANT) {
                if (denied == null) {
                    denied = matrix.denied(tenant.id());
                }
                if (denied.contains(new PermissionMatrix.Denial(role, permission))) {
                    continue;
                }
            }
            if (scope == PermissionMatrix.Scope.REASONED) {
                // Only while an access opened with a reason runs: then the whole tenant, read-only
                // (the verbs so held are reads).
                if (breakGlass.runs(caller.username(), tenant.id())) {
                    return Reach.WHOLE_TENANT;
                }
                continue;
            }
            granted = true;
            switch (scope) {
                case TENANT -> {
                    return Reach.WHOLE_TENANT;
                }
                case VILLAGES -> villages.addAll(caller.villageCodes());
                case ASSIGNED -> assignedTo = caller.username();
                default -> throw new IllegalStateException("Unhandled reach " + scope);
            }
        }
        return granted ? new Reach(false, villages, assignedTo) : null;
    }

    /**
     * The tenant of a well-formed id, or {@code null}. Asked on every request, and a tenant never
     * changes once onboarded nor goes away: one found is kept (a few hundred at most).
     */
    private Tenant find(String tenantId) {
        if (tenantId == null || !TENANT_ID.matcher(tenantId).matches()) {
            return null;
        }
        Tenant known = onboarded.get(tenantId);
        if (known == null) {
            known = tenants.findById(tenantId).orElse(null);
            if (known != null) {
                onboarded.put(tenantId, known);
            }
        }
        return known;
    }

    private static boolean appliesTo(Caller caller, Role role, Tenant tenant) {
        return switch (role.level()) {
            case PLATFORM -> true;
            case PROVINCE -> tenant.provinceId().equals(caller.provinceId());
            case TENANT -> caller.belongsTo(tenant.id());
        };
    }

    /** The national default, role by role (for the matrix page and the README's table). */
    Map<Permission, PermissionMatrix.Scope> nationalOf(Role role) {
        return matrix.national(role);
    }

    /** Whether a role of the caller applying to the tenant holds the verb only with a reason (break-glass). */
    private boolean reasoned(Caller caller, Permission permission, Tenant tenant) {
        return caller.roles().stream()
                .anyMatch(role -> appliesTo(caller, role, tenant)
                        && matrix.national(role).get(permission) == PermissionMatrix.Scope.REASONED);
    }

    /** The refusal of personal data without a running access opened with a reason ({@code 403 break_glass_required}). */
    public static LumbungException breakGlassRequired(Permission permission) {
        return new LumbungException(
                ErrorCode.BREAK_GLASS_REQUIRED,
                "This needs " + permission.name() + ", which the caller holds here only while an access opened with a"
                        + " reason runs: POST …/break-glass");
    }

    /** The refusal of a verb the caller lacks ({@code 403 permission_denied}). */
    public static LumbungException denied(Permission permission) {
        return new LumbungException(
                ErrorCode.PERMISSION_DENIED,
                "This needs the permission " + permission.name() + ", which the caller lacks here");
    }
}
