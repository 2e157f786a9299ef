package id.lumbung.core.tenant;

import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The tenant registry (platform data, not tenant-owned). */
@Singleton
public final class TenantRepository {
    private static final String COLUMNS = "id, region_code, name, province_id, created_at";

    private final TenantTransactions transactions;

    TenantRepository(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    public Optional<Tenant> findById(String id) {
        return transactions.platform(connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM tenant WHERE id = ?")) {
                query.setString(1, id);
                return Rows.first(query, TenantRepository::map);
            }
        });
    }

    public List<Tenant> findAll() {
        return transactions.platform(connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM tenant ORDER BY id")) {
                return Rows.list(query, TenantRepository::map);
            }
        });
    }

    /** Inserts the tenant; {@code false} when one with the same id already exists. */
    boolean insert(Connection connection, Tenant tenant, String createdBy) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO tenant (id, region_code, name, province_id, created_at, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, tenant.id());
            insert.setString(2, tenant.regionCode());
            insert.setString(3, tenant.name());
            insert.setString(4, tenant.provinceId());
            insert.setObject(5, java.sql.Timestamp.from(tenant.createdAt()));
            insert.setString(6, createdBy);
            return insert.executeUpdate() == 1;
        }
    }

    private static Tenant map(ResultSet row) throws SQLException {
        return new Tenant(
                row.getString("id"),
                row.getString("region_code"),
                row.getString("name"),
                row.getString("province_id"),
                row.getTimestamp("created_at").toInstant());
    }
}
