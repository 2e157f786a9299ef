package id.lumbung.gateway.edge;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.gateway.problem.Problems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * The one guard at the edge: before anything reads a request, its path, query and (for JSON and
 * form bodies) body are refused with 400 and a stable code when they hold what no field of
 * Lumbung may hold ({@link Hostile}) — a NUL byte never reaches PostgreSQL as a 500. JSON and
 * form bodies must state their length, at most {@value #MAXIMUM_TEXT_BODY} bytes (411, 413), so
 * the copy the guard reads is bounded before it is read; files go as multipart and are checked
 * by their import.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class InputGuard implements HttpServerFilter {
    static final int MAXIMUM_TEXT_BODY = 4 * 1024 * 1024;

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        CompletableFuture<MutableHttpResponse<?>> refusal = refusal(request);
        if (refusal.isDone() && !refusal.isCompletedExceptionally() && refusal.getNow(null) == null) {
            return chain.proceed(request);
        }
        // The body is still arriving: decide once it is here, then answer or go on.
        return subscriber -> refusal.whenComplete((problem, failure) -> {
            Publisher<MutableHttpResponse<?>> next =
                    failure != null || problem == null ? chain.proceed(request) : Publishers.just(problem);
            next.subscribe(subscriber);
        });
    }

    /** A completed future of the refusal, or of {@code null} when the request may go on. */
    private CompletableFuture<MutableHttpResponse<?>> refusal(HttpRequest<?> request) {
        String raw = request.getUri().getRawPath();
        Hostile.Finding finding = Hostile.inEncoded(raw, false, false);
        if (finding == null) {
            for (String parameter : split(request.getUri().getRawQuery())) {
                finding = Hostile.inEncoded(parameter, true, false);
                if (finding != null) {
                    break;
                }
            }
        }
        if (finding != null) {
            return CompletableFuture.completedFuture(refuse(request, finding));
        }
        MediaType type = request.getContentType().orElse(null);
        boolean json = type != null
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        boolean form = type != null && type.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        if ((!json && !form) || !(request instanceof ServerHttpRequest<?> server)) {
            return CompletableFuture.completedFuture(null);
        }
        OptionalLong length = server.byteBody().expectedLength();
        if (length.isEmpty()) {
            // Without a length the copy below could grow to the server's limit for uploads (1 GB)
            // before anyone knew: a JSON or form body says how long it is.
            return CompletableFuture.completedFuture(problem(
                    request,
                    ErrorCode.LENGTH_REQUIRED,
                    "A JSON or form body needs a Content-Length (at most " + MAXIMUM_TEXT_BODY + " bytes)"));
        }
        if (length.getAsLong() > MAXIMUM_TEXT_BODY) {
            return CompletableFuture.completedFuture(problem(
                    request,
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "A JSON or form body holds at most " + MAXIMUM_TEXT_BODY + " bytes"));
        }
        // As Micronaut's own FilterBodyParser does: our copy is split off and closed at once; the
        // buffered bytes are ours alone, and the controller still reads the body.
        try (CloseableByteBody copy = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)) {
            return copy.buffer().thenApply(body -> {
                try (body) {
                    byte[] bytes = body.toByteArray();
                    if (bytes.length > MAXIMUM_TEXT_BODY) {
                        return problem(
                                request,
                                ErrorCode.PAYLOAD_TOO_LARGE,
                                "A JSON or form body holds at most " + MAXIMUM_TEXT_BODY + " bytes");
                    }
                    Hostile.Finding inBody = json ? Hostile.inJson(bytes) : inForm(bytes);
                    return inBody == null ? null : refuse(request, inBody);
                }
            });
        }
    }

    private static Hostile.Finding inForm(byte[] bytes) {
        String text = Hostile.utf8(bytes);
        if (text == null) {
            return Hostile.Finding.INVALID_ENCODING;
        }
        for (String field : split(text)) {
            Hostile.Finding finding = Hostile.inEncoded(field, true, true);
            if (finding != null) {
                return finding;
            }
        }
        return null;
    }

    private static List<String> split(@Nullable String query) {
        return query == null || query.isEmpty() ? List.of() : List.of(query.split("[&=]", -1));
    }

    private static MutableHttpResponse<?> refuse(HttpRequest<?> request, Hostile.Finding finding) {
        return problem(request, finding.code, finding.detail);
    }

    private static MutableHttpResponse<?> problem(HttpRequest<?> request, ErrorCode code, String detail) {
        return Problems.respond(request, code, detail, List.of());
    }

    @Override
    public int getOrder() {
        // Before security and before any body is read: nothing downstream sees a refused request.
        return ServerFilterPhase.FIRST.order();
    }
}
