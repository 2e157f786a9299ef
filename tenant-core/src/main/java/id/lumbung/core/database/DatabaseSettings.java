package id.lumbung.core.database;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Database settings beyond the data source itself.
 *
 * @param appRole the group role every transaction switches to; it owns no table, so row-level
 *     security applies to it
 * @param migrationUsername the schema owner's login for migrations ({@code MIGRATION_USERNAME});
 *     without it migrations use the data source's login, which then must own the schema
 * @param migrationPassword its password
 * @param appLogin the pool's login, granted {@code appRole} after migrating ({@code
 *     LUMBUNG_DATABASE_APP_LOGIN}); the DBA creates it, migrations only grant the role
 */
@ConfigurationProperties("lumbung.database")
public record DatabaseSettings(
        @Nullable String appRole,
        @Nullable String migrationUsername,
        @Nullable String migrationPassword,
        @Nullable String appLogin) {
    public static final String DEFAULT_APP_ROLE = "lumbung_app";

    public DatabaseSettings {
        if (appRole == null || appRole.isBlank()) {
            appRole = DEFAULT_APP_ROLE;
        }
        if (!appRole.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("lumbung.database.app-role must be a plain lower-case identifier");
        }
        if (appLogin != null && appLogin.isBlank()) {
            appLogin = null;
        }
        if (migrationUsername != null && migrationUsername.isBlank()) {
            migrationUsername = null;
        }
    }
}
