package id.lumbung.core.access;

import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The permission matrix as a tenant sees it, and its narrowing by the tenant's admin. */
@Singleton
public final class AccessMatrix {
    /** Verbs a tenant cannot take from a role: seeing its own tenant, and its admin managing users. */
    private static final Set<Permission> KEPT = EnumSet.of(Permission.TENANT_READ);

    private static final Set<Permission> KEPT_BY_ADMIN = EnumSet.of(Permission.USER_READ, Permission.USER_MANAGE);

    private final Authorizer authorizer;
    private final PermissionMatrix matrix;
    private final TenantTransactions transactions;
    private final AuditLog audit;

    AccessMatrix(Authorizer authorizer, PermissionMatrix matrix, TenantTransactions transactions, AuditLog audit) {
        this.authorizer = authorizer;
        this.matrix = matrix;
        this.transactions = transactions;
        this.audit = audit;
    }

    /**
     * One role's verbs in a tenant.
     *
     * @param role the role
     * @param level where the role is held
     * @param granted the verbs the role holds here, each with its reach
     * @param denied the verbs of the national default this tenant took away
     */
    @Serdeable
    public record RoleGrants(Role role, Role.Level level, List<Grant> granted, List<Permission> denied) {}

    /**
     * A verb and its reach.
     *
     * @param permission the verb
     * @param reach {@code TENANT}, {@code VILLAGES} or {@code ASSIGNED}
     */
    @Serdeable
    public record Grant(Permission permission, String reach) {}

    /** The national default, every role (the README's table is checked against it). */
    public List<RoleGrants> national() {
        List<RoleGrants> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            List<Grant> granted = new ArrayList<>();
            matrix.national(role).forEach((permission, scope) -> granted.add(new Grant(permission, scope.name())));
            roles.add(new RoleGrants(role, role.level(), granted, List.of()));
        }
        return roles;
    }

    /** The tenant's matrix: the national default of its roles less what it took away. */
    public List<RoleGrants> ofTenant(Caller caller, String tenantId) {
        authorizer.require(caller, Permission.USER_READ, tenantId);
        Set<PermissionMatrix.Denial> denied = matrix.denied(tenantId);
        List<RoleGrants> roles = new ArrayList<>();
        for (Role role : Role.values()) {
            if (role.level() != Role.Level.TENANT) {
                continue;
            }
            List<Grant> granted = new ArrayList<>();
            List<Permission> taken = new ArrayList<>();
            matrix.national(role).forEach((permission, scope) -> {
                if (denied.contains(new PermissionMatrix.Denial(role, permission))) {
                    taken.add(permission);
                } else {
                    granted.add(new Grant(permission, scope.name()));
                }
            });
            roles.add(new RoleGrants(role, role.level(), granted, taken));
        }
        return roles;
    }

    /**
     * Takes these verbs away from one of the tenant's roles (replacing what was taken before): only
     * verbs the national default grants it, never {@code TENANT_READ}, never the admin's own user
     * management. Audited; the tenant's tokens need no change, rights are read per request.
     */
    public RoleGrants narrow(Caller caller, String tenantId, String roleName, List<String> deniedNames) {
        authorizer.require(caller, Permission.USER_MANAGE, tenantId);
        Role role;
        try {
            role = Role.valueOf(roleName);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new LumbungException(ErrorCode.ROLE_NOT_FOUND, "No role is named " + roleName);
        }
        if (role.level() != Role.Level.TENANT) {
            throw new LumbungException(ErrorCode.ROLE_NOT_OF_TENANT, role + " is not a role of a tenant");
        }
        Set<Permission> denied = EnumSet.noneOf(Permission.class);
        for (String name : deniedNames == null ? List.<String>of() : deniedNames) {
            Permission permission;
            try {
                permission = Permission.valueOf(name);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new LumbungException(ErrorCode.UNKNOWN_PERMISSION, "Unknown permission: " + name);
            }
            if (!matrix.national(role).containsKey(permission)) {
                throw new LumbungException(
                        ErrorCode.PERMISSION_NOT_GRANTED_NATIONALLY, role + " does not hold " + permission + " at all");
            }
            if (KEPT.contains(permission) || (role == Role.TENANT_ADMIN && KEPT_BY_ADMIN.contains(permission))) {
                throw new LumbungException(
                        ErrorCode.PERMISSION_NOT_NARROWABLE, permission + " cannot be taken from " + role);
            }
            denied.add(permission);
        }
        transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM tenant_permission_denial WHERE tenant_id = ? AND role = ?")) {
                delete.setString(1, tenantId);
                delete.setString(2, role.name());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tenant_permission_denial"
                    + " (tenant_id, role, permission, denied_by) VALUES (?, ?, ?, ?)")) {
                for (Permission permission : denied) {
                    insert.setString(1, tenantId);
                    insert.setString(2, role.name());
                    insert.setString(3, permission.name());
                    insert.setString(4, caller.username());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return audit.record(
                    connection, tenantId, caller, "PERMISSIONS_NARROW", role.name(), List.of("permissions"), "OK");
        });
        matrix.forget(tenantId);
        return ofTenant(caller, tenantId).stream()
                .filter(grants -> grants.role() == role)
                .findFirst()
                .orElseThrow();
    }
}
