package id.lumbung.core.logging;

import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;
import org.slf4j.MDC;

/**
 * What every log line written for a request or an agency message carries beside its text: the
 * request id, the tenant and the trace. Kept in SLF4J's MDC for the thread doing the work, and
 * put back as it was when the work is done (a pooled thread serves many tenants).
 */
public final class LogContext {
    public static final String REQUEST_ID = "request_id";
    public static final String TENANT = "tenant";
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";

    private LogContext() {}

    /** What to put back. */
    @FunctionalInterface
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    /** Sets the thread's context (a {@code null} value clears its key) until {@link Restore#close}. */
    public static Restore open(String requestId, String tenant, SpanContext span) {
        Map<String, String> before = MDC.getCopyOfContextMap();
        put(REQUEST_ID, requestId);
        put(TENANT, tenant);
        boolean traced = span != null && span.isValid();
        put(TRACE_ID, traced ? span.getTraceId() : null);
        put(SPAN_ID, traced ? span.getSpanId() : null);
        return () -> {
            if (before == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(before);
            }
        };
    }

    /** The request id of the work this thread does, or {@code null}. */
    public static String requestId() {
        return MDC.get(REQUEST_ID);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
