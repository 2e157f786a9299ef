package id.lumbung.core.household;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * What a caller sees of a tenant's households. A caller with any tenant-wide role sees all;
 * otherwise a village operator sees its villages' households and a field worker the households
 * assigned to it (a user with both roles sees both).
 *
 * @param everything whether the caller sees every household of the tenant
 * @param villages the villages whose households it sees
 * @param assignedTo the username whose assigned households it sees, or {@code null}
 */
public record HouseholdReach(boolean everything, Set<String> villages, String assignedTo) {

    /** Whether the caller sees this household (a field worker's assignments are read in the transaction). */
    boolean sees(Connection connection, HouseholdAssignments assignments, HouseholdRow row) throws SQLException {
        return everything
                || villages.contains(row.villageCode())
                || (assignedTo != null && assignments.isAssigned(connection, row.tenantId(), assignedTo, row.id()));
    }

    public static HouseholdReach of(Caller caller) {
        if (caller.roles().isEmpty() || caller.roles().stream().anyMatch(role -> role.reach() == Role.Reach.TENANT)) {
            return new HouseholdReach(true, Set.of(), null);
        }
        return new HouseholdReach(
                false,
                caller.has(Role.VILLAGE_OPERATOR) ? caller.villageCodes() : Set.of(),
                caller.has(Role.FIELD_WORKER) ? caller.username() : null);
    }
}
