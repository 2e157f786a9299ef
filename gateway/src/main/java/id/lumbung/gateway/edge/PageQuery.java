package id.lumbung.gateway.edge;

import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;

/**
 * Which page of a list a request asks for ({@code after} or {@code before} a row's cursor,
 * {@code size} rows), bound from the query with {@code @RequestBean}, and the answer: the rows with
 * {@link PageHeaders}.
 *
 * @param after the cursor of the row to start after (from a {@code Link: rel="next"})
 * @param before the cursor of the row to end before (from a {@code Link: rel="prev"})
 * @param size rows per page, 1 to 500 (default 100)
 */
@Introspected
public record PageQuery(
        @Nullable @QueryValue String after,
        @Nullable @QueryValue String before,
        @Nullable @QueryValue Integer size,
        HttpRequest<?> request) {

    /** The page asked for; refuses a cursor not ours or a size out of range ({@code invalid_page}). */
    public PageRequest page() {
        return PageRequest.of(after, before, size);
    }

    /** The page's rows, with its total and the links to the pages around it. */
    public <T> MutableHttpResponse<List<T>> answer(Page<T> page) {
        return PageHeaders.ok(request, page);
    }
}
