package id.lumbung.core.paging;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of a keyset page over columns that together order the rows uniquely (the last is
 * the row's id), ascending or newest first: a row comparison with the cursor, the order, and a
 * limit one past the page so the read tells whether more follows.
 */
public final class Keyset {
    private final List<String> columns;
    private final List<String> casts;
    private final boolean descending;

    private Keyset(List<String> columns, List<String> casts, boolean descending) {
        this.columns = columns;
        this.casts = casts;
        this.descending = descending;
    }

    /** Ascending by text columns, the last a uuid id. */
    public static Keyset ascending(String... columns) {
        List<String> casts = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            casts.add(i == columns.length - 1 ? "::uuid" : "");
        }
        return new Keyset(List.of(columns), casts, false);
    }

    /** Oldest date first: by a date column, then the uuid id. */
    public static Keyset byDate(String date, String id) {
        return new Keyset(List.of(date, id), List.of("::date", "::uuid"), false);
    }

    /** Newest first: by a timestamp column, then the uuid id. */
    public static Keyset newestFirst(String createdAt, String id) {
        return new Keyset(List.of(createdAt, id), List.of("::timestamptz", "::uuid"), true);
    }

    /** {@code AND (a, b, id) > (?, ?, ?::uuid)} for a cursor, else nothing; {@link #bind} binds it. */
    public String where(PageRequest request) {
        if (request.key(columns.size()) == null) {
            return "";
        }
        List<String> placeholders = new ArrayList<>();
        for (String cast : casts) {
            placeholders.add("?" + cast);
        }
        return " AND (" + String.join(", ", columns) + ") " + (descending != request.backwards() ? "<" : ">") + " ("
                + String.join(", ", placeholders) + ")";
    }

    /** Binds the cursor's values of {@link #where} from {@code index}; answers the next free index. */
    public int bind(PreparedStatement statement, PageRequest request, int index) throws SQLException {
        List<String> key = request.key(columns.size());
        if (key == null) {
            return index;
        }
        for (int i = 0; i < key.size(); i++) {
            statement.setString(index++, checked(key.get(i), casts.get(i)));
        }
        return index;
    }

    /** A cursor's part as its column's type reads it: a cursor made up by hand is refused here, not by the database. */
    private static String checked(String part, String cast) {
        try {
            if (cast.equals("::uuid")) {
                java.util.UUID.fromString(part);
            } else if (cast.equals("::timestamptz")) {
                java.time.Instant.parse(part);
            } else if (cast.equals("::date")) {
                java.time.LocalDate.parse(part);
            }
            return part;
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new id.lumbung.core.error.LumbungException(
                    id.lumbung.core.error.ErrorCode.INVALID_PAGE, "The page cursor is not one this list gave");
        }
    }

    /** {@code ORDER BY … LIMIT size + 1}, backwards for the page before a row. */
    public String orderAndLimit(PageRequest request) {
        String direction = descending != request.backwards() ? " DESC" : "";
        return " ORDER BY " + columns.stream().map(column -> column + direction).collect(Collectors.joining(", "))
                + " LIMIT " + (request.size() + 1);
    }

    /** Binds a filter's parameters from 1; answers the next free index. */
    public interface Binder {
        int bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * The ids of a page of rows in this order ({@code SELECT idColumn from …}), in the order read
     * (see {@link Page#of}), and how many rows the filter matches: the rows are then read by id
     * through Micronaut Data.
     *
     * @param from {@code FROM … WHERE …} with the filter's parameters, which {@code binder} binds
     */
    public Ids ids(java.sql.Connection connection, String idColumn, String from, PageRequest request, Binder binder)
            throws SQLException {
        List<java.util.UUID> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT " + idColumn + " " + from + where(request) + orderAndLimit(request))) {
            bind(query, request, binder.bind(query));
            try (java.sql.ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    ids.add(row.getObject(1, java.util.UUID.class));
                }
            }
        }
        try (PreparedStatement query = connection.prepareStatement(count(from))) {
            binder.bind(query);
            try (java.sql.ResultSet row = query.executeQuery()) {
                row.next();
                return new Ids(ids, row.getLong(1));
            }
        }
    }

    /** As {@link #ids}, the filter's parameters given as values. */
    public Ids ids(
            java.sql.Connection connection, String idColumn, String from, PageRequest request, Object... parameters)
            throws SQLException {
        return ids(connection, idColumn, from, request, query -> bind(query, parameters));
    }

    /**
     * As {@link #ids}, newest first ({@code created_at}, then {@code id}), the filter's parameters
     * given as values.
     */
    public static Ids newestIds(java.sql.Connection connection, String from, PageRequest request, Object... parameters)
            throws SQLException {
        return newestFirst("created_at", "id").ids(connection, "id", from, request, query -> bind(query, parameters));
    }

    /** How many rows {@code FROM table WHERE …} matches with these parameters, counting up to just past {@link Page#COUNT_CAP}. */
    public static long count(java.sql.Connection connection, String from, Object... parameters) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(count(from))) {
            bind(query, parameters);
            try (java.sql.ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static int bind(PreparedStatement query, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            query.setObject(i + 1, parameters[i]);
        }
        return parameters.length + 1;
    }

    /** A page's ids in the order read, and the list's count. */
    public record Ids(List<java.util.UUID> ids, long total) {
        /** The rows of these ids, in their order. */
        public <T> List<T> inOrder(java.util.Collection<T> rows, java.util.function.Function<T, java.util.UUID> idOf) {
            java.util.Map<java.util.UUID, T> byId = new java.util.HashMap<>();
            rows.forEach(row -> byId.put(idOf.apply(row), row));
            return ids.stream()
                    .map(byId::get)
                    .filter(java.util.Objects::nonNull)
                    .toList();
        }
    }

    /** The count of rows matching a filter, stopping past {@link Page#COUNT_CAP}. */
    public static String count(String fromAndWhere) {
        return "SELECT count(*) FROM (SELECT 1 " + fromAndWhere + " LIMIT " + (Page.COUNT_CAP + 1) + ") counted";
    }
}
