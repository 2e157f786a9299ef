package id.lumbung.core.database;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Database settings beyond the data source itself.
 *
 * @param appRole the role every pooled connection switches to; it owns no table, so row-level
 *     security applies to it even when the login is the tables' owner or a superuser
 */
@ConfigurationProperties("lumbung.database")
public record DatabaseSettings(@Nullable String appRole) {
    public static final String DEFAULT_APP_ROLE = "lumbung_app";

    public DatabaseSettings {
        if (appRole == null || appRole.isBlank()) {
            appRole = DEFAULT_APP_ROLE;
        }
        if (!appRole.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("lumbung.database.app-role must be a plain lower-case identifier");
        }
    }
}
