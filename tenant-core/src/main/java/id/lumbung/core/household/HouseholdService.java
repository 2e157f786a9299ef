package id.lumbung.core.household;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Reach;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.tenant.TenantVillages;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Households of a tenant's registry, as each role may see them: village operators only in their
 * villages, field workers only the households assigned to them (any other household answers as
 * if it did not exist).
 */
@Singleton
public final class HouseholdService {
    private static final ErrorCode INVALID = ErrorCode.INVALID_HOUSEHOLD;

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final HouseholdRepository households;
    private final HouseholdRows rowsOf;
    private final HouseholdAssignments assignments;
    private final TenantVillages villages;
    private final AuditLog audit;

    HouseholdService(
            TenantTransactions transactions,
            Authorizer access,
            HouseholdRepository households,
            HouseholdRows rowsOf,
            HouseholdAssignments assignments,
            TenantVillages villages,
            AuditLog audit) {
        this.transactions = transactions;
        this.access = access;
        this.households = households;
        this.rowsOf = rowsOf;
        this.assignments = assignments;
        this.villages = villages;
        this.audit = audit;
    }

    /** One household, if the caller may see it; otherwise {@code household_not_found}. */
    public Household get(Caller caller, String tenantId, UUID id) {
        Reach reach = access.grant(caller, Permission.HOUSEHOLD_READ, tenantId).reach();
        Household household = transactions
                .inTenant(tenantId, connection -> {
                    Optional<HouseholdRow> row = rowsOf.findById(id);
                    boolean visible = row.isPresent() && assignments.reaches(connection, reach, row.get());
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
        Authorizer.Grant grant = access.grant(caller, Permission.HOUSEHOLD_WRITE, tenantId);
        String villageCode = villages.require(grant.tenant(), village);
        if (!grant.reach().coversVillage(villageCode)) {
            throw new LumbungException(
                    ErrorCode.VILLAGE_NOT_IN_SCOPE, "Village " + villageCode + " is not assigned to you");
        }
        // The same rules as a file's column (RegistryField): a formula, a control character or a
        // value too long is refused here as it is in an import.
        String cleanAddress = (String) RegistryField.ALAMAT.require(address, INVALID);
        String cleanHead = (String) RegistryField.NAMA.require(headName, INVALID);
        Integer cleanDesil = desil == null ? null : (Integer) RegistryField.DESIL.require(desil.toString(), INVALID);
        if (memberCount < 1) {
            throw new LumbungException(INVALID, "A household has at least one member");
        }
        Household household = new Household(
                tenantId, UUID.randomUUID(), villageCode, cleanAddress, cleanHead, memberCount, cleanDesil);
        households.insert(household, caller.username());
        audit.record(tenantId, caller, "HOUSEHOLD_CREATE", household.id().toString(), List.of("address", "head_name"));
        return household;
    }

    private static LumbungException notFound(UUID id) {
        return new LumbungException(ErrorCode.HOUSEHOLD_NOT_FOUND, "Household " + id + " was not found");
    }
}
