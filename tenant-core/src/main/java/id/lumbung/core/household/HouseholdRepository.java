package id.lumbung.core.household;

import id.lumbung.core.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Households of the registry. */
@Singleton
public final class HouseholdRepository {
    private final TenantTransactions transactions;
    private final HouseholdRows householdRows;

    HouseholdRepository(TenantTransactions transactions, HouseholdRows rows) {
        this.transactions = transactions;
        this.householdRows = rows;
    }

    /** Adds a household; its tenant must be the one the row names (the discriminator checks). */
    public void insert(Household household) {
        transactions.inTenant(household.tenantId(), connection -> householdRows.save(HouseholdRow.of(household)));
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
