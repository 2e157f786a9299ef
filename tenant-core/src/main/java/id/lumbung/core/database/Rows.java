package id.lumbung.core.database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs a prepared query and maps its rows: the one loop every repository would otherwise repeat. */
public final class Rows {
    private Rows() {}

    /** Every row, mapped, in the query's order. */
    public static <T> List<T> list(PreparedStatement query, Mapper<T> mapper) throws SQLException {
        List<T> mapped = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                mapped.add(mapper.map(rows));
            }
        }
        return mapped;
    }

    /** The first row, mapped, if there is one and it maps to a value (a NULL column maps to none). */
    public static <T> Optional<T> first(PreparedStatement query, Mapper<T> mapper) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
        }
    }

    /** Maps the current row. */
    @FunctionalInterface
    public interface Mapper<T> {
        T map(ResultSet row) throws SQLException;
    }
}
