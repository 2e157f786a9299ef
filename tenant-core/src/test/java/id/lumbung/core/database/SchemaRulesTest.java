package id.lumbung.core.database;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.household.RegistryField;
import id.lumbung.core.testing.DatabaseTest;
import id.lumbung.core.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules every migration, present and future, must keep. */
@MicronautTest(transactional = false)
class SchemaRulesTest extends DatabaseTest {
    /** Tables owned by a tenant: those with a mandatory tenant_id (app_user's is optional: platform users have none). */
    private static final String TENANT_TABLES =
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND a.attnotnull"
                    // A partitioned table's partitions are reached only through it, under its rules.
                    + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition";

    @Inject
    DatabaseMigrator migrator;

    @Test
    void migrationsHaveRun() {
        assertThat(migrator.isMigrated()).isTrue();
    }

    @Test
    void everyTenantOwnedTableHasRowLevelSecurityEnabledAndForced() throws SQLException {
        List<String> unprotected = names(TENANT_TABLES + " AND NOT (c.relrowsecurity AND c.relforcerowsecurity)");
        assertThat(names(TENANT_TABLES)).contains("household", "nik_check", "outbox");
        assertThat(unprotected).isEmpty();
    }

    @Test
    void everyTenantOwnedTablesPrimaryKeyStartsWithTenantId() throws SQLException {
        List<String> wrong = names(TENANT_TABLES + " AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid"
                + " AND i.indisprimary AND i.indkey[0] = a.attnum)");
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyFieldOfTheCatalogueHasItsColumnOfItsType() throws SQLException {
        List<String> missing = new ArrayList<>();
        for (RegistryField field : RegistryField.values()) {
            if (field.level() == RegistryField.Level.NONE) {
                continue;
            }
            String table = field.level() == RegistryField.Level.HOUSEHOLD ? "household" : "member";
            for (String column : field.columns()) {
                String type = field.identifier() ? "text" : field.sqlType();
                List<String> found = names("SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                        + " WHERE a.attrelid = 'public." + table + "'::regclass AND a.attname = '" + column
                        + "' AND NOT a.attisdropped");
                if (found.isEmpty() || !normalise(found.get(0)).equals(normalise(type))) {
                    missing.add(table + "." + column + " " + type + " (found " + found + ")");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    /** PostgreSQL's spelling of a type against the catalogue's. */
    private static String normalise(String type) {
        return type.replace("character varying", "text")
                .replace("character(1)", "char(1)")
                .replace("numeric(7,1)", "numeric(7, 1)");
    }

    @Test
    void theApplicationRoleOwnsNoTable() throws SQLException {
        assertThat(names("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = '"
                        + DatabaseSettings.DEFAULT_APP_ROLE + "'"))
                .isEmpty();
    }

    /** The first column of every row the owner reads with {@code sql}. */
    static List<String> names(String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = TestDatabase.get().ownerConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
