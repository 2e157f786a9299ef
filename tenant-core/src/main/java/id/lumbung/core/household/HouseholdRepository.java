package id.lumbung.core.household;

import id.lumbung.core.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Households of the registry: those registered by hand, and the counts per tenant. */
@Singleton
public final class HouseholdRepository {
    private final TenantTransactions transactions;
    private final HouseholdRows householdRows;
    private final RegistryChangeRows changes;

    HouseholdRepository(TenantTransactions transactions, HouseholdRows rows, RegistryChangeRows changes) {
        this.transactions = transactions;
        this.householdRows = rows;
        this.changes = changes;
    }

    /**
     * Registers a household by hand, with its entry in the registry's history (as an import
     * writes one for each household it creates), in one transaction; its tenant must be the one
     * the row names (the discriminator checks).
     */
    public void insert(Household household, String by) {
        transactions.inTenant(household.tenantId(), connection -> {
            householdRows.save(HouseholdRow.of(household));
            List<String> fields = new ArrayList<>(List.of("village_code", "address", "head_name"));
            if (household.desil() != null) {
                fields.add("desil");
            }
            return changes.save(RegistryChangeRow.created(household, by, fields));
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
