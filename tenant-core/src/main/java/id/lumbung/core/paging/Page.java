package id.lumbung.core.paging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, with how many rows the whole list holds and the cursors of the pages
 * around it.
 *
 * @param items the rows of this page, in the list's order
 * @param total rows in the whole list, or {@link #COUNT_CAP} when {@code totalAtLeast}
 * @param totalAtLeast whether the list holds more than {@code total} rows (counting stops there)
 * @param next the cursor for the next page, {@code null} on the last
 * @param previous the cursor for the previous page, {@code null} on the first
 */
public record Page<T>(List<T> items, long total, boolean totalAtLeast, String next, String previous) {
    /** Counting a list stops past this many rows: "more than 10,000" is answer enough. */
    public static final int COUNT_CAP = 10_000;

    /**
     * The page from rows read with {@link Keyset} ({@code size + 1} of them, in the read's
     * direction): the extra row says whether there is more in that direction.
     */
    public static <T> Page<T> of(List<T> read, PageRequest request, long counted, Function<T, String> cursorOf) {
        boolean more = read.size() > request.size();
        List<T> items = new ArrayList<>(more ? read.subList(0, request.size()) : read);
        if (request.backwards()) {
            Collections.reverse(items);
        }
        boolean hasNext = request.backwards() || more;
        boolean hasPrevious = request.backwards() ? more : request.after() != null;
        return new Page<>(
                List.copyOf(items),
                Math.min(counted, COUNT_CAP),
                counted > COUNT_CAP,
                hasNext && !items.isEmpty() ? cursorOf.apply(items.get(items.size() - 1)) : null,
                hasPrevious && !items.isEmpty() ? cursorOf.apply(items.get(0)) : null);
    }

    /** The same page with its rows turned into another type. */
    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, totalAtLeast, next, previous);
    }

    private static final java.util.Locale INDONESIAN = java.util.Locale.forLanguageTag("id-ID");

    /** The list's total as the pages say it: "1.234", or "lebih dari 10.000" when counting stopped. */
    public String totalText() {
        return (totalAtLeast ? "lebih dari " : "") + String.format(INDONESIAN, "%,d", total);
    }
}
