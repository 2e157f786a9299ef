package id.lumbung.core.database;

import id.lumbung.core.region.RegionDataMigration;
import id.lumbung.core.registry.NameKeyMigration;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the schema migrations and loads the region reference data at start-up, before any
 * other bean touches the database. Runs with the schema owner's login ({@code
 * lumbung.database.migration-username}, else the data source's) on its own connection, not
 * through the application's pool, whose login owns nothing. With only the application's login
 * (production, after the Helm job migrated) it finds nothing pending and only checks.
 */
@Context
public class DatabaseMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMigrator.class);

    private final String url;
    private final String username;
    private final String password;
    private final DatabaseSettings settings;
    private volatile boolean migrated;

    DatabaseMigrator(
            @Value("${datasources.default.url}") String url,
            @Value("${datasources.default.username:}") String username,
            @Value("${datasources.default.password:}") String password,
            DatabaseSettings settings) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.settings = settings;
    }

    @PostConstruct
    void migrate() {
        if (settings.migrationUsername() == null) {
            migrate(url, username, password, settings.appRole(), settings.appLogin());
        } else {
            migrate(
                    url,
                    settings.migrationUsername(),
                    settings.migrationPassword(),
                    settings.appRole(),
                    settings.appLogin());
        }
        migrated = true;
    }

    /**
     * Applies pending migrations with the given login (also used by {@code --migrate}, without the
     * application) and, if {@code appLogin} is named, grants it the application role.
     */
    public static void migrate(String url, String username, String password, String appRole, String appLogin) {
        long started = System.nanoTime();
        Flyway flyway = Flyway.configure(DatabaseMigrator.class.getClassLoader())
                .dataSource(url, username, password)
                .locations("classpath:db/migration")
                .javaMigrations(new RegionDataMigration(), new NameKeyMigration())
                .placeholders(Map.of("appRole", appRole))
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        if ("true".equalsIgnoreCase(System.getenv("LUMBUNG_DATABASE_CITUS"))) {
            try (Connection owner = DriverManager.getConnection(url, username, password)) {
                CitusDistribution.apply(owner);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not distribute the schema on Citus: " + e.getMessage(), e);
            }
        }
        if (appLogin != null && !appLogin.equals(username)) {
            try (Connection owner = DriverManager.getConnection(url, username, password)) {
                AppLogin.grantTo(owner, appRole, appLogin);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not grant " + appRole + " to " + appLogin, e);
            }
        }
        LOG.info(
                "Database ready: {} migration(s) applied, schema version {} ({} ms)",
                result.migrationsExecuted,
                flyway.info().current().getVersion(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Whether the schema is at the version this build expects. */
    public boolean isMigrated() {
        return migrated;
    }
}
