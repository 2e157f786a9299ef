package id.lumbung.core.household;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.access.TenantAccess;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.ratelimit.RateLimits;
import id.lumbung.core.region.RegionCode;
import id.lumbung.core.region.RegionLevel;
import id.lumbung.core.region.RegionRepository;
import id.lumbung.core.tenant.Tenant;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Households of a tenant's registry, as each role may see them: village operators only in their
 * villages, field workers only the households assigned to them (any other household answers as
 * if it did not exist).
 */
@Singleton
public final class HouseholdService {
    private static final Pageable FIRST_PAGE =
            Pageable.from(0, 100, Sort.of(Sort.Order.asc("villageCode"), Sort.Order.asc("address")));

    private final TenantTransactions transactions;
    private final TenantAccess access;
    private final HouseholdRepository households;
    private final HouseholdRows rowsOf;
    private final HouseholdAssignments assignments;
    private final RegionRepository regions;
    private final AuditLog audit;
    private final RateLimits rateLimits;

    HouseholdService(
            TenantTransactions transactions,
            TenantAccess access,
            HouseholdRepository households,
            HouseholdRows rowsOf,
            HouseholdAssignments assignments,
            RegionRepository regions,
            AuditLog audit,
            RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.transactions = transactions;
        this.access = access;
        this.households = households;
        this.rowsOf = rowsOf;
        this.assignments = assignments;
        this.regions = regions;
        this.audit = audit;
    }

    /** Households the caller may see, optionally in one village, by village and address (first 100). */
    public List<Household> list(Caller caller, String tenantId, String village) {
        access.readPersonalData(caller, tenantId);
        rateLimits.lookup(caller, tenantId);
        String villageCode = village == null ? null : RegionCode.normalise(village);
        HouseholdReach reach = HouseholdReach.of(caller);
        List<Household> found = transactions.inTenant(tenantId, connection -> {
            if (reach.everything()) {
                return (villageCode == null
                                ? rowsOf.findAll(FIRST_PAGE)
                                : rowsOf.findByVillageCodeIn(List.of(villageCode), FIRST_PAGE))
                        .stream().map(HouseholdRow::toHousehold).toList();
            }
            Map<UUID, HouseholdRow> seen = new HashMap<>();
            List<String> villages = reach.villages().stream()
                    .filter(code -> villageCode == null || code.equals(villageCode))
                    .toList();
            if (!villages.isEmpty()) {
                rowsOf.findByVillageCodeIn(villages, FIRST_PAGE).forEach(row -> seen.put(row.id(), row));
            }
            if (reach.assignedTo() != null) {
                List<UUID> assigned = assignments.assignedTo(connection, tenantId, reach.assignedTo());
                if (!assigned.isEmpty()) {
                    rowsOf.findByIdIn(assigned, FIRST_PAGE).stream()
                            .filter(row ->
                                    villageCode == null || row.villageCode().equals(villageCode))
                            .forEach(row -> seen.put(row.id(), row));
                }
            }
            return seen.values().stream()
                    .map(HouseholdRow::toHousehold)
                    .sorted(Comparator.comparing(Household::villageCode).thenComparing(Household::address))
                    .limit(FIRST_PAGE.getSize())
                    .toList();
        });
        audit.record(tenantId, caller, "HOUSEHOLD_LIST", villageCode, List.of("address", "head_name"));
        return found;
    }

    /** One household, if the caller may see it; otherwise {@code household_not_found}. */
    public Household get(Caller caller, String tenantId, UUID id) {
        access.readPersonalData(caller, tenantId);
        HouseholdReach reach = HouseholdReach.of(caller);
        Household household = transactions
                .inTenant(tenantId, connection -> {
                    Optional<HouseholdRow> row = rowsOf.findById(id);
                    boolean visible = row.isPresent() && reach.sees(connection, assignments, row.get());
                    return visible ? row : Optional.<HouseholdRow>empty();
                })
                .map(HouseholdRow::toHousehold)
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
}
