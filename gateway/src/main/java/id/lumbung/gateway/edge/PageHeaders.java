package id.lumbung.gateway.edge;

import id.lumbung.core.paging.Page;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of a list answered as its rows (the body stays a JSON array) with where it stands in
 * headers: {@code X-Total-Count} (with {@code X-Total-Count-Capped: true} when counting stopped,
 * "more than"), and an RFC 8288 {@code Link} to the {@code next} and {@code prev} pages.
 */
public final class PageHeaders {
    public static final String TOTAL = "X-Total-Count";
    public static final String CAPPED = "X-Total-Count-Capped";

    private PageHeaders() {}

    public static <T> MutableHttpResponse<List<T>> ok(HttpRequest<?> request, Page<T> page) {
        MutableHttpResponse<List<T>> response = io.micronaut.http.HttpResponse.ok(page.items());
        response.header(TOTAL, Long.toString(page.total()));
        if (page.totalAtLeast()) {
            response.header(CAPPED, "true");
        }
        List<String> links = new ArrayList<>();
        if (page.next() != null) {
            links.add("<" + link(request, "after", page.next()) + ">; rel=\"next\"");
        }
        if (page.previous() != null) {
            links.add("<" + link(request, "before", page.previous()) + ">; rel=\"prev\"");
        }
        if (!links.isEmpty()) {
            response.header("Link", String.join(", ", links));
        }
        return response;
    }

    /** The request's own path and query, with {@code after}/{@code before} replaced by the page's cursor. */
    private static String link(HttpRequest<?> request, String name, String cursor) {
        StringBuilder link = new StringBuilder(request.getPath()).append('?');
        String query = request.getUri().getRawQuery();
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (!parameter.isEmpty() && !parameter.startsWith("after=") && !parameter.startsWith("before=")) {
                    link.append(parameter).append('&');
                }
            }
        }
        return link.append(name).append('=').append(cursor).toString();
    }
}
