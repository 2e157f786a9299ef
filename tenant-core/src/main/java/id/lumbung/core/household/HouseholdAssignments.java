package id.lumbung.core.household;

import id.lumbung.core.access.Reach;
import id.lumbung.core.database.Rows;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Households assigned to field workers, read and written inside the tenant's transaction. */
@Singleton
final class HouseholdAssignments {
    private static final String BY_USERNAME =
            " FROM household_assignment a JOIN app_user u ON u.id = a.user_id WHERE a.tenant_id = ? AND u.username = ?";

    /** Whether the reach covers this household (a field worker's assignments are read in the transaction). */
    boolean reaches(Connection connection, Reach reach, HouseholdRow row) throws SQLException {
        return reach.coversVillage(row.villageCode())
                || (reach.assignedTo() != null && isAssigned(connection, row.tenantId(), reach.assignedTo(), row.id()));
    }

    /** Ids of the households assigned to this user in the tenant. */
    List<UUID> assignedTo(Connection connection, String tenantId, String username) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT a.household_id" + BY_USERNAME + " ORDER BY a.household_id")) {
            query.setString(1, tenantId);
            query.setString(2, username);
            return Rows.list(query, row -> row.getObject(1, UUID.class));
        }
    }

    boolean isAssigned(Connection connection, String tenantId, String username, UUID householdId) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT 1" + BY_USERNAME + " AND a.household_id = ?")) {
            query.setString(1, tenantId);
            query.setString(2, username);
            query.setObject(3, householdId);
            return Rows.first(query, row -> Boolean.TRUE).isPresent();
        }
    }

    /** Replaces a user's assignments with these households. */
    void replace(Connection connection, String tenantId, UUID userId, Collection<UUID> householdIds, String by)
            throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM household_assignment WHERE tenant_id = ? AND user_id = ?")) {
            delete.setString(1, tenantId);
            delete.setObject(2, userId);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO household_assignment (tenant_id, user_id, household_id, assigned_by) VALUES (?, ?, ?, ?)")) {
            for (UUID householdId : householdIds) {
                insert.setString(1, tenantId);
                insert.setObject(2, userId);
                insert.setObject(3, householdId);
                insert.setString(4, by);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
