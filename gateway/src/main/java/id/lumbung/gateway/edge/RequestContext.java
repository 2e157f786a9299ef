package id.lumbung.gateway.edge;

import id.lumbung.core.logging.LogContext;
import id.lumbung.core.logging.Redaction;
import id.lumbung.core.observability.Tracing;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;

/**
 * The first thing every request meets: its id ({@code X-Request-Id} when the caller sent a sane
 * one, a new one otherwise; answered back in the same header), its tenant (from the path), and
 * its server span (continuing the caller's {@code traceparent}). The three follow the request to
 * whichever thread handles it (Micronaut's propagated context): every log line carries them, and
 * an outbox message queued by the request keeps its trace and id for the worker.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class RequestContext implements HttpServerFilter {
    /** The request attribute holding the request's id. */
    static final String REQUEST_ID_ATTRIBUTE = "lumbung.request-id";

    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern TENANT = Pattern.compile("/tenants/([0-9]{4})(?:/|$)");

    private final Tracing tracing;

    RequestContext(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String requestId = request.getHeaders()
                .get(CallerBinder.REQUEST_ID_HEADER, String.class)
                .filter(id -> SANE_ID.matcher(id).matches())
                .orElseGet(() -> UUID.randomUUID().toString());
        request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        Matcher tenant = TENANT.matcher(request.getPath());
        String tenantId = tenant.find() ? tenant.group(1) : null;
        Span span = tracing.start(
                request.getMethodName() + " "
                        + BasicHttpAttributes.getUriTemplate(request).orElse(request.getMethodName()),
                SpanKind.SERVER,
                Tracing.parent(request.getHeaders().get(Tracing.TRACEPARENT)));
        span.setAttribute("http.request.method", request.getMethodName());
        span.setAttribute("url.path", Redaction.maskForLog(request.getPath()));
        span.setAttribute("lumbung.request.id", requestId);
        if (tenantId != null) {
            span.setAttribute("lumbung.tenant", tenantId);
        }
        Element element = new Element(requestId, tenantId, Context.current().with(span));
        try (PropagatedContext.Scope ignored =
                PropagatedContext.getOrEmpty().plus(element).propagate()) {
            return Publishers.map(chain.proceed(request), response -> {
                span.setAttribute("http.response.status_code", response.code());
                Tracing.end(span, response.code() >= 500 ? "HTTP " + response.code() : null);
                return response.header(CallerBinder.REQUEST_ID_HEADER, requestId);
            });
        }
    }

    /** The request's id, tenant and trace on the thread that handles it, and off it afterwards. */
    private record Element(String requestId, String tenantId, Context trace)
            implements ThreadPropagatedContextElement<Element.Previous> {
        record Previous(Scope trace, LogContext.Restore log) {}

        @Override
        public Previous updateThreadContext() {
            Scope scope = trace.makeCurrent();
            return new Previous(
                    scope,
                    LogContext.open(requestId, tenantId, Span.fromContext(trace).getSpanContext()));
        }

        @Override
        public void restoreThreadContext(Previous previous) {
            previous.log().close();
            previous.trace().close();
        }
    }
}
