package id.lumbung.core.household;

import id.lumbung.core.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Households of the registry. */
@Singleton
public final class HouseholdRepository {
    private final TenantTransactions transactions;

    HouseholdRepository(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    public void insert(Household household) {
        transactions.inTenant(household.tenantId(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO household (tenant_id, id, village_code, address, head_name, member_count, desil)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, household.tenantId());
                insert.setObject(2, household.id());
                insert.setString(3, household.villageCode());
                insert.setString(4, household.address());
                insert.setString(5, household.headName());
                insert.setInt(6, household.memberCount());
                if (household.desil() == null) {
                    insert.setNull(7, Types.SMALLINT);
                } else {
                    insert.setInt(7, household.desil());
                }
                return insert.executeUpdate();
            }
        });
    }

    /** Number of households per tenant, for the given tenants (row-level security scopes the count). */
    public Map<String, Long> countByTenant(Collection<String> tenantIds) {
        if (tenantIds.isEmpty()) {
            return Map.of();
        }
        return transactions.inTenants(tenantIds, connection -> {
            Map<String, Long> counts = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                            "SELECT tenant_id, count(*) FROM household GROUP BY tenant_id");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            return counts;
        });
    }
}
