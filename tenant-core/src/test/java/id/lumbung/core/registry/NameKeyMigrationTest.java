package id.lumbung.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.household.Household;
import id.lumbung.core.household.HouseholdRepository;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.Tenants;
import id.lumbung.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

/** Names keyed before a new spelling was known are re-keyed by the repeatable migration, and only they. */
@MicronautTest(transactional = false)
class NameKeyMigrationTest extends DatabaseTest {
    @Inject
    HouseholdRepository households;

    @Inject
    Tenants tenants;

    @Test
    void staleKeysAreRekeyedAndNothingElseIsTouched() throws Exception {
        tenants.ensure("74.71");
        UUID household = UUID.randomUUID();
        households.insert(new Household("7471", household, "74.71.01.1005", "Jl. Kunci", "Wa Ode", 2, 1), "test");
        String stale = "MIG-" + UUID.randomUUID();
        String current = "MIG-" + UUID.randomUUID();
        try (Connection owner = TestDatabase.get().ownerConnection()) {
            owner.setAutoCommit(false);
            try (var statement = owner.createStatement()) {
                statement.execute("SELECT set_config('lumbung.tenants', '7471', true)");
            }
            // Keyed as before the table knew "Wa Ode" = "Waode" and "Abd." = "Abdul".
            insert(owner, household, stale, "Wa Ode Abd. Rahman", "wa ode abd rahman");
            insert(owner, household, current, "Siti Aminah", NameKey.of("Siti Aminah"));
            owner.commit();

            owner.setAutoCommit(false);
            new NameKeyMigration().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return owner;
                }
            });
            owner.commit();

            try (var statement = owner.createStatement()) {
                statement.execute("SELECT set_config('lumbung.tenants', '7471', true)");
            }
            assertThat(keyOf(owner, stale)).isEqualTo("waode abdul rahman").isEqualTo(NameKey.of("Waode Abdul Rahman"));
            assertThat(keyOf(owner, current)).isEqualTo("siti aminah");
            assertThat(updatedOf(owner, stale)).as("the person did not change").isEqualTo(updatedOf(owner, current));
            owner.rollback();
        }
    }

    private static void insert(Connection owner, UUID household, String sourceKey, String name, String key)
            throws Exception {
        try (PreparedStatement insert = owner.prepareStatement(
                "INSERT INTO member (tenant_id, id, household_id, source_key, full_name, name_key, relationship,"
                        + " updated_at) VALUES ('7471', gen_random_uuid(), ?, ?, ?, ?, 'ANAK', '2026-01-01T00:00Z')")) {
            insert.setObject(1, household);
            insert.setString(2, sourceKey);
            insert.setString(3, name);
            insert.setString(4, key);
            insert.executeUpdate();
        }
    }

    private static String keyOf(Connection owner, String sourceKey) throws Exception {
        return (String) column(owner, "name_key", sourceKey);
    }

    private static Object updatedOf(Connection owner, String sourceKey) throws Exception {
        return column(owner, "updated_at", sourceKey);
    }

    private static Object column(Connection owner, String column, String sourceKey) throws Exception {
        try (PreparedStatement read = owner.prepareStatement(
                "SELECT " + column + " FROM member WHERE tenant_id = '7471' AND source_key = ?")) {
            read.setString(1, sourceKey);
            try (ResultSet row = read.executeQuery()) {
                row.next();
                return row.getObject(1);
            }
        }
    }
}
