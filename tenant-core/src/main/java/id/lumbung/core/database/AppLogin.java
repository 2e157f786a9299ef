package id.lumbung.core.database;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The login the application's pool connects with: a member of the application role, owning
 * nothing and not a superuser, so even {@code RESET ROLE} after an injected statement leaves a
 * session that cannot bypass or disable row-level security. Migrations run with the owner's
 * login, separately.
 */
public final class AppLogin {
    /** Name of the login created for the embedded server and the tests. */
    public static final String DEFAULT_LOGIN = "lumbung_api";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AppLogin() {}

    /**
     * Creates (or resets the password of) {@code login} with the owner's connection and makes it
     * a member of {@code appRole}, creating that group role if the migrations have not yet.
     *
     * @return the new password, random and known only to this process
     */
    public static String ensure(String url, String ownerUser, String ownerPassword, String appRole, String login) {
        requireIdentifier(appRole);
        requireIdentifier(login);
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (Connection owner = DriverManager.getConnection(url, ownerUser, ownerPassword);
                Statement statement = owner.createStatement()) {
            if (!roleExists(owner, appRole)) {
                statement.execute("CREATE ROLE " + appRole + " NOLOGIN");
            }
            if (!roleExists(owner, login)) {
                statement.execute("CREATE ROLE " + login + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            }
            // The password is random URL-safe base64: no quote can end the literal.
            statement.execute("ALTER ROLE " + login + " PASSWORD '" + password + "'");
            statement.execute("GRANT " + appRole + " TO " + login);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the application's database login " + login, e);
        }
        return password;
    }

    /** Grants the application role to an existing login (production: the DBA creates the login). */
    public static void grantTo(Connection owner, String appRole, String login) throws SQLException {
        requireIdentifier(appRole);
        requireIdentifier(login);
        if (!roleExists(owner, login)) {
            throw new IllegalStateException("The application login " + login + " does not exist; create it first");
        }
        try (Statement statement = owner.createStatement()) {
            statement.execute("GRANT " + appRole + " TO " + login);
        }
    }

    private static boolean roleExists(Connection connection, String role) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void requireIdentifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case role name: " + name);
        }
    }
}
