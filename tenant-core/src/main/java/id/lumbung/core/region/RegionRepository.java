package id.lumbung.core.region;

import id.lumbung.core.database.Rows;
import id.lumbung.core.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads the region reference data. */
@Singleton
public final class RegionRepository {
    private static final String COLUMNS = "code, name, level, parent_code";

    private final TenantTransactions transactions;

    RegionRepository(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    public Optional<Region> find(String code) {
        return transactions.platform(connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM region WHERE code = ?")) {
                query.setString(1, code);
                return Rows.first(query, RegionRepository::map);
            }
        });
    }

    public List<Region> children(String code) {
        return transactions.platform(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM region WHERE parent_code = ? ORDER BY code")) {
                query.setString(1, code);
                return Rows.list(query, RegionRepository::map);
            }
        });
    }

    /** Every province (level 1), by code. */
    public List<Region> provinces() {
        return transactions.platform(connection -> {
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM region WHERE level = 1 ORDER BY code")) {
                return Rows.list(query, RegionRepository::map);
            }
        });
    }

    /** The villages (level 4) of a regency or city, by code. */
    public List<Region> villagesOf(String regencyCode) {
        return transactions.platform(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM region WHERE level = 4 AND code LIKE ? ORDER BY code")) {
                query.setString(1, regencyCode.replace("%", "").replace("_", "") + ".%");
                return Rows.list(query, RegionRepository::map);
            }
        });
    }

    private static Region map(ResultSet row) throws SQLException {
        return new Region(
                row.getString("code"),
                row.getString("name"),
                RegionLevel.of(row.getInt("level")),
                row.getString("parent_code"));
    }
}
