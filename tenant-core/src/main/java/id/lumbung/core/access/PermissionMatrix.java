package id.lumbung.core.access;

import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role → permission matrix as the database holds it: the national default ({@code
 * role_permission}, seeded by a migration, read once) and each tenant's narrowing ({@code
 * tenant_permission_denial}, cached for {@code lumbung.access.cache-ttl}, dropped at once in the
 * process that changes it).
 */
@Singleton
final class PermissionMatrix {
    private static final Logger LOG = LoggerFactory.getLogger(PermissionMatrix.class);

    private final TenantTransactions transactions;
    private final Duration ttl;
    private final Map<String, Denials> denials = new ConcurrentHashMap<>();
    private volatile Map<Role, Map<Permission, Scope>> national;

    PermissionMatrix(TenantTransactions transactions, @Value("${lumbung.access.cache-ttl:10s}") Duration ttl) {
        this.transactions = transactions;
        this.ttl = ttl;
    }

    /** How far a role's grant reaches inside a tenant (for tenant-level roles; others reach whole tenants). */
    enum Scope {
        TENANT,
        VILLAGES,
        ASSIGNED,
        /** The whole tenant, while an access opened with a reason runs (a province admin's personal-data reads). */
        REASONED
    }

    /** A role's grants in the national default. */
    Map<Permission, Scope> national(Role role) {
        return nationalMatrix().getOrDefault(role, Map.of());
    }

    /** The (role, permission) pairs the tenant took away from its roles. */
    Set<Denial> denied(String tenantId) {
        Denials cached = denials.get(tenantId);
        if (cached != null && cached.loadedAt() + ttl.toNanos() > System.nanoTime()) {
            return cached.pairs();
        }
        Set<Denial> pairs = transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT role, permission FROM tenant_permission_denial WHERE tenant_id = ?")) {
                query.setString(1, tenantId);
                Set<Denial> found = new HashSet<>();
                for (String[] row : Rows.list(query, r -> new String[] {r.getString(1), r.getString(2)})) {
                    known(row[0], row[1]).ifPresent(found::add);
                }
                return Set.copyOf(found);
            }
        });
        denials.put(tenantId, new Denials(pairs, System.nanoTime()));
        return pairs;
    }

    void forget(String tenantId) {
        denials.remove(tenantId);
    }

    private Map<Role, Map<Permission, Scope>> nationalMatrix() {
        Map<Role, Map<Permission, Scope>> loaded = national;
        if (loaded == null) {
            loaded = transactions.platform(connection -> {
                try (PreparedStatement query =
                        connection.prepareStatement("SELECT role, permission, reach FROM role_permission")) {
                    Map<Role, Map<Permission, Scope>> matrix = new EnumMap<>(Role.class);
                    for (String[] row :
                            Rows.list(query, r -> new String[] {r.getString(1), r.getString(2), r.getString(3)})) {
                        known(row[0], row[1]).ifPresent(pair -> matrix.computeIfAbsent(
                                        pair.role(), role -> new EnumMap<>(Permission.class))
                                .put(pair.permission(), Scope.valueOf(row[2])));
                    }
                    return Map.copyOf(matrix);
                }
            });
            national = loaded;
        }
        return loaded;
    }

    /** A row naming a role or permission this code does not know (a newer migration) grants nothing. */
    private static java.util.Optional<Denial> known(String role, String permission) {
        try {
            return java.util.Optional.of(new Denial(Role.valueOf(role), Permission.valueOf(permission)));
        } catch (IllegalArgumentException e) {
            LOG.warn("The permission matrix names {} / {}, unknown to this version; ignored", role, permission);
            return java.util.Optional.empty();
        }
    }

    /** A permission taken from a role in one tenant. */
    record Denial(Role role, Permission permission) {}

    private record Denials(Set<Denial> pairs, long loadedAt) {}
}
