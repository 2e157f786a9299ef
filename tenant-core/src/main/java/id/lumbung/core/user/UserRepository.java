package id.lumbung.core.user;

import id.lumbung.core.access.Role;
import id.lumbung.core.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** Users of the platform. */
@Singleton
public final class UserRepository {
    private static final String COLUMNS = "id, username, password_hash, role, tenant_id, province_id, enabled";

    private final TenantTransactions transactions;

    UserRepository(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    public Optional<UserAccount> findByUsername(String username) {
        return find("username = ?", username);
    }

    public Optional<UserAccount> findById(UUID id) {
        return find("id = ?", id);
    }

    private Optional<UserAccount> find(String condition, Object value) {
        return transactions.platform(connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM app_user WHERE " + condition)) {
                query.setObject(1, value);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(map(rows)) : Optional.empty();
                }
            }
        });
    }

    /** Creates the user, or sets the password and role of the existing one with that name. */
    public UserAccount upsert(UserAccount user) {
        return transactions.platform(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO app_user (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO UPDATE SET"
                    + " password_hash = excluded.password_hash, role = excluded.role,"
                    + " tenant_id = excluded.tenant_id, province_id = excluded.province_id, enabled = excluded.enabled"
                    + " RETURNING " + COLUMNS)) {
                upsert.setObject(1, user.id());
                upsert.setString(2, user.username());
                upsert.setString(3, user.passwordHash());
                upsert.setString(4, user.role().name());
                upsert.setString(5, user.tenantId());
                upsert.setString(6, user.provinceId());
                upsert.setBoolean(7, user.enabled());
                try (ResultSet rows = upsert.executeQuery()) {
                    rows.next();
                    return map(rows);
                }
            }
        });
    }

    private static UserAccount map(ResultSet row) throws SQLException {
        return new UserAccount(
                row.getObject("id", UUID.class),
                row.getString("username"),
                row.getString("password_hash"),
                Role.valueOf(row.getString("role")),
                row.getString("tenant_id"),
                row.getString("province_id"),
                row.getBoolean("enabled"));
    }
}
