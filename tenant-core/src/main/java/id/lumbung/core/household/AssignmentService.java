package id.lumbung.core.household;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.user.UserAccount;
import id.lumbung.core.user.UserRepository;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which households a field worker (PSM, TKSK, pendamping) visits: set by the tenant's admin or a
 * verifier, all or nothing, only households of the tenant inside the worker's villages.
 */
@Singleton
public final class AssignmentService {
    /** More than a field worker can visit in a verification round. */
    public static final int MAXIMUM_ASSIGNMENTS = 2_000;

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final UserRepository users;
    private final HouseholdRows households;
    private final HouseholdAssignments assignments;
    private final AuditLog audit;

    AssignmentService(
            TenantTransactions transactions,
            Authorizer access,
            UserRepository users,
            HouseholdRows households,
            HouseholdAssignments assignments,
            AuditLog audit) {
        this.transactions = transactions;
        this.access = access;
        this.users = users;
        this.households = households;
        this.assignments = assignments;
        this.audit = audit;
    }

    /** The households assigned to a field worker: for assigners, and for the worker itself. */
    public List<UUID> assigned(Caller caller, String tenantId, String username) {
        access.visible(caller, tenantId);
        // A field worker reads its own list; anyone else needs to be an assigner.
        if (!(caller.belongsTo(tenantId) && caller.username().equals(username))) {
            access.require(caller, Permission.HOUSEHOLD_ASSIGN, tenantId);
        }
        UserAccount worker = fieldWorker(tenantId, username);
        return transactions.inTenant(
                tenantId, connection -> assignments.assignedTo(connection, tenantId, worker.username()));
    }

    /** Replaces a field worker's assignments; nothing changes if any household is refused. */
    public List<UUID> replace(Caller caller, String tenantId, String username, List<UUID> householdIds) {
        access.require(caller, Permission.HOUSEHOLD_ASSIGN, tenantId);
        UserAccount worker = fieldWorker(tenantId, username);
        Set<UUID> ids = new LinkedHashSet<>(householdIds);
        if (ids.size() > MAXIMUM_ASSIGNMENTS) {
            throw new LumbungException(
                    ErrorCode.TOO_MANY_HOUSEHOLDS,
                    "At most " + MAXIMUM_ASSIGNMENTS + " households can be assigned to one field worker");
        }
        transactions.inTenant(tenantId, connection -> {
            if (!ids.isEmpty()) {
                List<HouseholdRow> found = households.findByIdIn(ids, Pageable.from(0, ids.size()));
                if (found.size() != ids.size()) {
                    throw new LumbungException(
                            ErrorCode.UNKNOWN_HOUSEHOLD,
                            (ids.size() - found.size()) + " of the households are not in this tenant's registry");
                }
                long outside = found.stream()
                        .filter(row -> !worker.villageCodes().contains(row.villageCode()))
                        .count();
                if (outside > 0) {
                    throw new LumbungException(
                            ErrorCode.HOUSEHOLD_OUTSIDE_WORKER_VILLAGES,
                            outside + " of the households are outside the villages of " + username);
                }
            }
            assignments.replace(connection, tenantId, worker.id(), ids, caller.username());
            audit.record(connection, tenantId, caller, "HOUSEHOLD_ASSIGN", username, List.of("households"), "OK");
            return null;
        });
        return List.copyOf(ids);
    }

    private UserAccount fieldWorker(String tenantId, String username) {
        UserAccount user = users.requireInTenant(tenantId, username);
        if (!access.takeAssignments(user.roles())) {
            throw new LumbungException(ErrorCode.NOT_A_FIELD_WORKER, username + " is not a field worker");
        }
        return user;
    }
}
