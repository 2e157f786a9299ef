package id.lumbung.core.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Tenants;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Micronaut Data layer on its own: row-level security is widened to both tenants inside the
 * transaction, and the {@code @TenantId} discriminator alone still keeps Kolaka's row out of
 * Kendari's reads, and a row naming Kolaka out of Kendari's writes.
 */
@MicronautTest(transactional = false)
class TenantDiscriminatorTest extends DatabaseTest {
    @Inject
    TenantTransactions transactions;

    @Inject
    HouseholdRows rows;

    @Inject
    HouseholdRepository households;

    @Inject
    Tenants tenants;

    private final UUID kolakas = UUID.randomUUID();
    private final UUID kendaris = UUID.randomUUID();

    @BeforeAll
    void aHouseholdInEachTenant() {
        tenants.ensure("74.71");
        tenants.ensure("74.01");
        households.insert(
                new Household("7401", kolakas, "74.01.01.1002", "Desa Kolaka RT 1/RW 1", "La Ode", 3, 2), "test");
        households.insert(
                new Household("7471", kendaris, "74.71.01.1005", "Jl. Kendari RT 1/RW 2", "Wa Ode", 4, 1), "test");
    }

    @Test
    void withRowLevelSecurityWidenedTheDiscriminatorStillHidesTheOtherTenantsRow() {
        Optional<HouseholdRow> found = transactions.inTenant("7471", connection -> {
            widenRowLevelSecurity(connection);
            return rows.findById(kolakas);
        });
        assertThat(found).isEmpty();
        Optional<HouseholdRow> own = transactions.inTenant("7471", connection -> rows.findById(kendaris));
        assertThat(own).hasValueSatisfying(row -> assertThat(row.tenantId()).isEqualTo("7471"));
    }

    @Test
    void listsCarryOnlyTheTransactionsTenant() {
        var listed = transactions.inTenant("7471", connection -> {
            widenRowLevelSecurity(connection);
            return rows.findAll(io.micronaut.data.model.Pageable.from(0, 100));
        });
        assertThat(listed).isNotEmpty().allSatisfy(row -> assertThat(row.tenantId())
                .isEqualTo("7471"));
    }

    @Test
    void aRowNamingAnotherTenantIsRefusedAndNothingIsWritten() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> transactions.inTenant("7471", connection -> {
                    widenRowLevelSecurity(connection);
                    return rows.save(HouseholdRow.of(
                            new Household("7401", id, "74.01.01.1002", "Desa Kolaka", "La Ode", 1, null)));
                }))
                .hasStackTraceContaining("row of another tenant");
        Optional<HouseholdRow> underKolaka = transactions.inTenant("7401", connection -> rows.findById(id));
        assertThat(underKolaka).isEmpty();
    }

    @Test
    void aRepositoryCalledOutsideATenantTransactionRefuses() {
        assertThatThrownBy(() -> rows.findById(kendaris)).hasStackTraceContaining("outside a tenant transaction");
        assertThatThrownBy(() -> transactions.platform(connection -> rows.findById(kendaris)))
                .hasStackTraceContaining("outside a tenant transaction");
    }

    @Test
    void aTenantTransactionCannotNestAnotherTenants() {
        assertThatThrownBy(() -> transactions.inTenant(
                        "7471", outer -> transactions.inTenant("7401", inner -> rows.findById(kolakas))))
                .isInstanceOf(IllegalStateException.class);
    }

    private static void widenRowLevelSecurity(java.sql.Connection connection) throws java.sql.SQLException {
        try (PreparedStatement widen =
                connection.prepareStatement("SELECT set_config('lumbung.tenants', '7471,7401', true)")) {
            widen.execute();
        }
    }
}
