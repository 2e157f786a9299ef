package id.lumbung.core.household;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.access.TenantAccess;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.ratelimit.RateLimits;
import id.lumbung.core.region.RegionCode;
import id.lumbung.core.region.RegionLevel;
import id.lumbung.core.region.RegionRepository;
import id.lumbung.core.tenant.Tenant;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * Households of a tenant's registry, as each role may see them: village operators and field
 * workers only in their villages (another village's household answers as if it did not exist).
 */
@Singleton
public final class HouseholdService {
    private static final String COLUMNS = "tenant_id, id, village_code, address, head_name, member_count, desil";
    private static final int PAGE = 100;

    private final TenantTransactions transactions;
    private final TenantAccess access;
    private final HouseholdRepository households;
    private final RegionRepository regions;
    private final AuditLog audit;
    private final RateLimits rateLimits;

    HouseholdService(
            TenantTransactions transactions,
            TenantAccess access,
            HouseholdRepository households,
            RegionRepository regions,
            AuditLog audit,
            RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.transactions = transactions;
        this.access = access;
        this.households = households;
        this.regions = regions;
        this.audit = audit;
    }

    /** Households the caller may see, optionally in one village, by address. */
    public List<Household> list(Caller caller, String tenantId, String village) {
        access.readPersonalData(caller, tenantId);
        rateLimits.lookup(caller, tenantId);
        String villageCode = village == null ? null : RegionCode.normalise(village);
        String[] scope = scopeOf(caller);
        List<Household> found = transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM household"
                            + " WHERE tenant_id = ? AND (?::text IS NULL OR village_code = ?)"
                            + " AND (?::text[] IS NULL OR village_code = ANY (?::text[])) ORDER BY village_code, address LIMIT ?")) {
                query.setString(1, tenantId);
                query.setString(2, villageCode);
                query.setString(3, villageCode);
                query.setArray(4, scope == null ? null : connection.createArrayOf("text", scope));
                query.setArray(5, scope == null ? null : connection.createArrayOf("text", scope));
                query.setInt(6, PAGE);
                return Rows.list(query, HouseholdService::map);
            }
        });
        audit.record(tenantId, caller, "HOUSEHOLD_LIST", villageCode, List.of("address", "head_name"));
        return found;
    }

    /** One household, if the caller may see it; otherwise {@code household_not_found}. */
    public Household get(Caller caller, String tenantId, UUID id) {
        access.readPersonalData(caller, tenantId);
        Household household = transactions
                .inTenant(tenantId, connection -> {
                    try (PreparedStatement query = connection.prepareStatement(
                            "SELECT " + COLUMNS + " FROM household WHERE tenant_id = ? AND id = ?")) {
                        query.setString(1, tenantId);
                        query.setObject(2, id);
                        return Rows.first(query, HouseholdService::map);
                    }
                })
                .filter(found -> inScope(caller, found.villageCode()))
                .orElseThrow(() -> notFound(id));
        audit.record(tenantId, caller, "HOUSEHOLD_READ", id.toString(), List.of("address", "head_name", "members"));
        return household;
    }

    /** Registers a household in a village of the tenant (and of the caller's scope). */
    public Household create(
            Caller caller,
            String tenantId,
            String village,
            String address,
            String headName,
            int memberCount,
            Integer desil) {
        Tenant tenant = access.write(caller, tenantId);
        String villageCode = RegionCode.normalise(village);
        regions.find(villageCode)
                .filter(region -> region.level() == RegionLevel.VILLAGE)
                .orElseThrow(
                        () -> new LumbungException(422, "unknown_village", "No village has the code " + villageCode));
        if (!villageCode.startsWith(tenant.regionCode() + ".")) {
            throw new LumbungException(
                    422, "village_outside_tenant", "Village " + villageCode + " is not in " + tenant.name());
        }
        if (!inScope(caller, villageCode)) {
            throw LumbungException.forbidden(
                    "village_not_in_scope", "Village " + villageCode + " is not assigned to you");
        }
        if (address == null
                || address.isBlank()
                || headName == null
                || headName.isBlank()
                || memberCount < 1
                || (desil != null && (desil < 1 || desil > 10))) {
            throw new LumbungException(
                    422,
                    "invalid_household",
                    "A household needs an address, a head's name, at least one member and a desil from 1 to 10");
        }
        Household household = new Household(
                tenantId, UUID.randomUUID(), villageCode, address.strip(), headName.strip(), memberCount, desil);
        households.insert(household);
        audit.record(tenantId, caller, "HOUSEHOLD_CREATE", household.id().toString(), List.of("address", "head_name"));
        return household;
    }

    /** {@code null} when the caller is not village-scoped; else its villages. */
    private static String[] scopeOf(Caller caller) {
        boolean scoped = !caller.roles().isEmpty() && caller.roles().stream().allMatch(Role::villageScoped);
        return scoped ? caller.villageCodes().toArray(String[]::new) : null;
    }

    private static boolean inScope(Caller caller, String villageCode) {
        String[] scope = scopeOf(caller);
        return scope == null || List.of(scope).contains(villageCode);
    }

    private static LumbungException notFound(UUID id) {
        return new LumbungException(404, "household_not_found", "Household " + id + " was not found");
    }

    private static Household map(ResultSet row) throws SQLException {
        int desil = row.getInt("desil");
        return new Household(
                row.getString("tenant_id"),
                row.getObject("id", UUID.class),
                row.getString("village_code"),
                row.getString("address"),
                row.getString("head_name"),
                row.getInt("member_count"),
                row.wasNull() ? null : desil);
    }
}
