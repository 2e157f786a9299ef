package id.lumbung.core.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.lumbung.core.household.Household;
import id.lumbung.core.household.HouseholdRepository;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Tenants;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class RowLevelSecurityTest extends DatabaseTest {
    @Inject
    TenantTransactions transactions;

    @Inject
    HouseholdRepository households;

    @Inject
    Tenants tenants;

    @BeforeAll
    void twoTenantsWithAHouseholdEach() {
        tenants.ensure("74.71");
        tenants.ensure("74.01");
        households.insert(
                new Household("7471", UUID.randomUUID(), "74.71.01.1005", "Jl. Kendari RT 001/RW 002", "Wa Ode", 4, 1),
                "test");
        households.insert(
                new Household("7401", UUID.randomUUID(), "74.01.01.1002", "Desa Kolaka RT 003/RW 001", "La Ode", 5, 2),
                "test");
    }

    @Test
    void aQueryWithoutWhereInKendarisTransactionSeesOnlyKendarisRows() {
        List<String> seen =
                transactions.inTenant("7471", connection -> tenantIdsOf(connection, "SELECT tenant_id FROM household"));
        assertThat(seen).isNotEmpty().containsOnly("7471");
    }

    @Test
    void aTransactionWithoutTenantsSeesNoTenantRows() {
        List<String> seen =
                transactions.platform(connection -> tenantIdsOf(connection, "SELECT tenant_id FROM household"));
        assertThat(seen).isEmpty();
    }

    @Test
    void aProvinceTransactionSeesBothOfItsTenants() {
        Map<String, Long> counts = households.countByTenant(List.of("7471", "7401"));
        assertThat(counts).containsKeys("7471", "7401");
    }

    @Test
    void kendariCannotWriteARowForKolaka() {
        assertThatThrownBy(() -> transactions.inTenant("7471", connection -> {
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO household (tenant_id, id, village_code, address, head_name, member_count)"
                                    + " VALUES ('7401', ?, '74.01.01.1002', 'x', 'x', 1)")) {
                        insert.setObject(1, UUID.randomUUID());
                        return insert.executeUpdate();
                    }
                }))
                .hasStackTraceContaining("row-level security");
    }

    @Test
    void theApplicationRoleOwnsNoTableAndCannotDisableRowLevelSecurity() {
        String currentUser = transactions.platform(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT current_user")) {
                rows.next();
                return rows.getString(1);
            }
        });
        assertThat(currentUser).isEqualTo(DatabaseSettings.DEFAULT_APP_ROLE);
        assertThatThrownBy(() -> transactions.inTenant("7471", connection -> {
                    try (Statement statement = connection.createStatement()) {
                        return statement.execute("ALTER TABLE household DISABLE ROW LEVEL SECURITY");
                    }
                }))
                .hasStackTraceContaining("must be owner");
    }

    @Test
    void thePoolsLoginIsNeitherOwnerNorSuperuserEvenAfterResetRole() {
        List<String> login = transactions.platform(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT session_user, rolsuper::text, rolbypassrls::text FROM pg_roles WHERE rolname = session_user")) {
                rows.next();
                return List.of(rows.getString(1), rows.getString(2), rows.getString(3));
            }
        });
        assertThat(login).containsExactly(AppLogin.DEFAULT_LOGIN, "false", "false");
        assertThatThrownBy(() -> transactions.inTenant("7471", connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("RESET ROLE");
                        return statement.execute("ALTER TABLE household DISABLE ROW LEVEL SECURITY");
                    }
                }))
                .hasStackTraceContaining("must be owner");
        List<String> seen = transactions.inTenant("7471", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("RESET ROLE");
            }
            return tenantIdsOf(connection, "SELECT tenant_id FROM household");
        });
        assertThat(seen).isNotEmpty().containsOnly("7471");
    }

    @Test
    void theApplicationStartsWithOnlyItsOwnLoginOnceMigrated() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.remove("lumbung.database.migration-username");
        properties.remove("lumbung.database.migration-password");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(DatabaseMigrator.class).isMigrated()).isTrue();
        }
    }

    @Test
    void theApplicationRoleCanOnlyAppendToTheAuditLog() {
        for (String sql : List.of("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log")) {
            assertThatThrownBy(() -> transactions.inTenant("7471", connection -> {
                        try (Statement statement = connection.createStatement()) {
                            return statement.executeUpdate(sql);
                        }
                    }))
                    .as(sql)
                    .hasStackTraceContaining("permission denied");
        }
    }

    private static List<String> tenantIdsOf(Connection connection, String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
