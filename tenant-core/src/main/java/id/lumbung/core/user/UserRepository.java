package id.lumbung.core.user;

import id.lumbung.core.access.Role;
import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Users of the platform and their village scopes. */
@Singleton
public final class UserRepository {
    private static final String COLUMNS = "id, username, password_hash, roles, tenant_id, province_id, enabled,"
            + " token_version, failed_logins, locked_until";

    private final TenantTransactions transactions;

    UserRepository(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    public Optional<UserAccount> findByUsername(String username) {
        return find("username = ?", username).map(this::withVillages);
    }

    /** The user of this tenant with this name; otherwise {@code user_not_found}. */
    public UserAccount requireInTenant(String tenantId, String username) {
        return findByUsername(username)
                .filter(user -> tenantId.equals(user.tenantId()))
                .orElseThrow(
                        () -> new LumbungException(ErrorCode.USER_NOT_FOUND, "User " + username + " was not found"));
    }

    public Optional<UserAccount> findById(UUID id) {
        return find("id = ?", id).map(this::withVillages);
    }

    /**
     * The current token version of an enabled user, if any: what every authenticated request
     * checks, in one indexed read.
     */
    public Optional<Integer> activeTokenVersion(String username) {
        return transactions.platform(connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT token_version FROM app_user WHERE username = ? AND enabled")) {
                query.setString(1, username);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getInt(1)) : Optional.<Integer>empty();
                }
            }
        });
    }

    /** The users of a tenant with their village scopes, in two queries whatever their number. */
    public List<UserAccount> findByTenant(String tenantId) {
        List<UserAccount> users = transactions.platform(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM app_user WHERE tenant_id = ? ORDER BY username")) {
                query.setString(1, tenantId);
                return Rows.list(query, UserRepository::map);
            }
        });
        Map<UUID, Set<String>> villages = transactions.inTenant(tenantId, connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT user_id, village_code FROM user_village WHERE tenant_id = ? ORDER BY village_code")) {
                query.setString(1, tenantId);
                Map<UUID, Set<String>> byUser = new HashMap<>();
                for (Map.Entry<UUID, String> row : Rows.list(query, UserRepository::villageRow)) {
                    byUser.computeIfAbsent(row.getKey(), id -> new LinkedHashSet<>())
                            .add(row.getValue());
                }
                return byUser;
            }
        });
        return users.stream()
                .map(user -> user.withVillages(villages.getOrDefault(user.id(), Set.of())))
                .toList();
    }

    private static Map.Entry<UUID, String> villageRow(ResultSet row) throws SQLException {
        return Map.entry(row.getObject("user_id", UUID.class), row.getString("village_code"));
    }

    private Optional<UserAccount> find(String condition, Object value) {
        return transactions.platform(connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM app_user WHERE " + condition)) {
                query.setObject(1, value);
                return Rows.first(query, UserRepository::map);
            }
        });
    }

    private UserAccount withVillages(UserAccount user) {
        if (user.tenantId() == null) {
            return user;
        }
        return user.withVillages(transactions.inTenant(user.tenantId(), connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT village_code FROM user_village WHERE tenant_id = ? AND user_id = ? ORDER BY village_code")) {
                query.setString(1, user.tenantId());
                query.setObject(2, user.id());
                return new LinkedHashSet<>(Rows.list(query, row -> row.getString(1)));
            }
        }));
    }

    /**
     * Whether the tenant has a user (enabled or not) holding any of these roles, under a lock held
     * to the end of the caller's transaction, so that a check and the insert after it are one.
     */
    boolean anyWithRolesLocked(Connection connection, String tenantId, Set<Role> roles) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "lumbung.users." + tenantId);
            lock.execute();
        }
        try (PreparedStatement query =
                connection.prepareStatement("SELECT 1 FROM app_user WHERE tenant_id = ? AND roles && ? LIMIT 1")) {
            query.setString(1, tenantId);
            query.setArray(2, roles(connection, roles));
            return Rows.first(query, row -> Boolean.TRUE).isPresent();
        }
    }

    /** Inserts a new user in the caller's transaction; {@code false} if the username is taken. */
    boolean insert(Connection connection, UserAccount user) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO app_user (id, username, password_hash, roles, tenant_id, province_id, enabled)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
            insert.setObject(1, user.id());
            insert.setString(2, user.username());
            insert.setString(3, user.passwordHash());
            insert.setArray(4, roles(connection, user.roles()));
            insert.setString(5, user.tenantId());
            insert.setString(6, user.provinceId());
            insert.setBoolean(7, user.enabled());
            return insert.executeUpdate() == 1;
        }
    }

    /** Replaces the user's village scope in the caller's (tenant) transaction. */
    void replaceVillages(Connection connection, String tenantId, UUID userId, Collection<String> villages)
            throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM user_village WHERE tenant_id = ? AND user_id = ?")) {
            delete.setString(1, tenantId);
            delete.setObject(2, userId);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO user_village (tenant_id, user_id, village_code) VALUES (?, ?, ?)")) {
            for (String village : villages) {
                insert.setString(1, tenantId);
                insert.setObject(2, userId);
                insert.setString(3, village);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Changes roles, password or enabled flag and bumps the token version, so every token
     * issued before stops working at once. {@code null} leaves a value as it is.
     */
    void update(Connection connection, UUID userId, Set<Role> roles, String passwordHash, Boolean enabled)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE app_user SET"
                + " roles = coalesce(?, roles), password_hash = coalesce(?, password_hash),"
                + " enabled = coalesce(?, enabled), token_version = token_version + 1,"
                + " failed_logins = CASE WHEN ? THEN 0 ELSE failed_logins END,"
                + " locked_until = CASE WHEN ? THEN NULL ELSE locked_until END, updated_at = now() WHERE id = ?")) {
            update.setArray(1, roles == null ? null : roles(connection, roles));
            update.setString(2, passwordHash);
            update.setObject(3, enabled);
            update.setBoolean(4, passwordHash != null);
            update.setBoolean(5, passwordHash != null);
            update.setObject(6, userId);
            update.executeUpdate();
        }
        try (PreparedStatement revoke = connection.prepareStatement(
                "UPDATE refresh_token SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL")) {
            revoke.setObject(1, userId);
            revoke.executeUpdate();
        }
    }

    /** Records a failed login; {@code lockUntil} (may be null) bars logins until then. */
    void recordFailedLogin(UUID userId, Instant lockUntil) {
        transactions.platform(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE app_user SET"
                    + " failed_logins = failed_logins + 1, locked_until = coalesce(?, locked_until) WHERE id = ?")) {
                update.setTimestamp(1, lockUntil == null ? null : Timestamp.from(lockUntil));
                update.setObject(2, userId);
                return update.executeUpdate();
            }
        });
    }

    void recordSuccessfulLogin(UUID userId) {
        transactions.platform(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = ? AND failed_logins > 0")) {
                update.setObject(1, userId);
                return update.executeUpdate();
            }
        });
    }

    /** Whether an account has this name (enabled or not); a platform read that joins any transaction. */
    boolean exists(String username) {
        return transactions.platform(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM app_user WHERE username = ?")) {
                query.setString(1, username);
                return Rows.first(query, row -> true).isPresent();
            }
        });
    }

    /** Whether the user must choose a new password at its next login (a bootstrapped first admin). */
    boolean mustChangePassword(UUID userId) {
        return transactions.platform(connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT must_change_password FROM app_user WHERE id = ?")) {
                query.setObject(1, userId);
                return Rows.first(query, row -> row.getBoolean(1)).orElse(false);
            }
        });
    }

    /** The user's own new password: tokens issued before stop working, and the duty to change it ends. */
    void changeOwnPassword(UUID userId, String passwordHash) {
        transactions.platform(connection -> {
            update(connection, userId, null, passwordHash, null);
            try (PreparedStatement clear =
                    connection.prepareStatement("UPDATE app_user SET must_change_password = false WHERE id = ?")) {
                clear.setObject(1, userId);
                return clear.executeUpdate();
            }
        });
    }

    /**
     * Inserts the first platform admin, who must change the password at first login, unless a
     * platform admin exists already (checked under a lock, so two starts cannot both create one).
     */
    boolean insertFirstPlatformAdmin(UserAccount user) {
        return transactions.platform(connection -> {
            try (PreparedStatement lock =
                    connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('first-platform-admin'))")) {
                lock.execute();
            }
            try (PreparedStatement exists = connection.prepareStatement(
                    "SELECT 1 FROM app_user WHERE roles && ARRAY['PLATFORM_ADMIN'] LIMIT 1")) {
                if (Rows.first(exists, row -> true).isPresent()) {
                    return false;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO app_user (id, username,"
                    + " password_hash, roles, enabled, must_change_password) VALUES (?, ?, ?, ?, true, true)"
                    + " ON CONFLICT (username) DO NOTHING")) {
                insert.setObject(1, user.id());
                insert.setString(2, user.username());
                insert.setString(3, user.passwordHash());
                insert.setArray(4, roles(connection, user.roles()));
                if (insert.executeUpdate() == 0) {
                    throw new LumbungException(
                            ErrorCode.USERNAME_TAKEN, "The username " + user.username() + " is taken");
                }
            }
            return true;
        });
    }

    /** Creates the user, or resets the password and roles of the existing one with that name (demo seed). */
    public UserAccount upsert(UserAccount user) {
        transactions.platform(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO app_user (id, username,"
                    + " password_hash, roles, tenant_id, province_id, enabled) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash,"
                    + " roles = excluded.roles, tenant_id = excluded.tenant_id, province_id = excluded.province_id,"
                    + " enabled = excluded.enabled, failed_logins = 0, locked_until = NULL,"
                    // A reset revokes the user's tokens, as every change of roles or password does.
                    + " token_version = app_user.token_version + 1")) {
                upsert.setObject(1, user.id());
                upsert.setString(2, user.username());
                upsert.setString(3, user.passwordHash());
                upsert.setArray(4, roles(connection, user.roles()));
                upsert.setString(5, user.tenantId());
                upsert.setString(6, user.provinceId());
                upsert.setBoolean(7, user.enabled());
                return upsert.executeUpdate();
            }
        });
        return findByUsername(user.username()).orElseThrow();
    }

    private static Array roles(Connection connection, Set<Role> roles) throws SQLException {
        return connection.createArrayOf(
                "text", roles.stream().map(Role::name).sorted().toArray());
    }

    private static UserAccount map(ResultSet row) throws SQLException {
        Timestamp locked = row.getTimestamp("locked_until");
        Set<Role> roles = Arrays.stream((String[]) row.getArray("roles").getArray())
                .map(Role::valueOf)
                .collect(Collectors.toSet());
        return new UserAccount(
                row.getObject("id", UUID.class),
                row.getString("username"),
                row.getString("password_hash"),
                roles,
                row.getString("tenant_id"),
                row.getString("province_id"),
                row.getBoolean("enabled"),
                row.getInt("token_version"),
                row.getInt("failed_logins"),
                locked == null ? null : locked.toInstant(),
                Set.of());
    }
}
