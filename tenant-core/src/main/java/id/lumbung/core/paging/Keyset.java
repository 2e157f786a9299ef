package id.lumbung.core.paging;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of a keyset page over columns that together order the rows uniquely (the last is
 * the row's id): a row comparison with the cursor, the order, and a limit one past the page so
 * the read tells whether more follows.
 */
public final class Keyset {
    private final List<String> columns;

    public Keyset(String... columns) {
        this.columns = List.of(columns);
    }

    /** {@code AND (a, b, id) > (?, ?, ?::uuid)} for a cursor, else nothing; the cursor's values bind in order. */
    public String where(PageRequest request, String lastCast) {
        if (request.key(columns.size()) == null) {
            return "";
        }
        String placeholders = columns.stream().map(column -> "?").collect(Collectors.joining(", "));
        placeholders = placeholders.substring(0, placeholders.length() - 1) + "?" + lastCast;
        return " AND (" + String.join(", ", columns) + ") " + (request.backwards() ? "<" : ">") + " (" + placeholders
                + ")";
    }

    /** {@code ORDER BY … LIMIT size + 1}, backwards for the page before a row. */
    public String orderAndLimit(PageRequest request) {
        String direction = request.backwards() ? " DESC" : "";
        return " ORDER BY " + columns.stream().map(column -> column + direction).collect(Collectors.joining(", "))
                + " LIMIT " + (request.size() + 1);
    }

    /** The count of rows matching a filter, stopping past {@link Page#COUNT_CAP}. */
    public static String count(String fromAndWhere) {
        return "SELECT count(*) FROM (SELECT 1 " + fromAndWhere + " LIMIT " + (Page.COUNT_CAP + 1) + ") counted";
    }
}
