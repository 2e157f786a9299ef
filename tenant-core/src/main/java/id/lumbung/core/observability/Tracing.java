package id.lumbung.core.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenTelemetry traces, configured by the standard {@code OTEL_*} settings (e.g.
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318}). Without an endpoint nothing is
 * exported, yet every request, outbox message and agency call still has its trace: the ids go
 * into the logs and, as W3C {@code traceparent}, to the agencies. One trace runs from
 * {@code POST …/nik-checks} through the outbox row (which keeps the request's
 * {@code traceparent}) to the worker's call to Dukcapil.
 */
@Singleton
public final class Tracing {
    /** The W3C header (and the outbox column's content). */
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static final SpanProcessor KEEP_IDS = new SpanProcessor() {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {}

        @Override
        public boolean isEndRequired() {
            return false;
        }
    };

    private final OpenTelemetrySdk sdk;
    private final Tracer tracer;

    /** @param processors extra span processors (none in production; tests record spans with one) */
    Tracing(List<SpanProcessor> processors) {
        this.sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesCustomizer(Tracing::defaults)
                .addTracerProviderCustomizer((builder, config) -> {
                    // With no processor at all the SDK would start no span: no trace id for the
                    // logs or the agencies when nothing is exported.
                    builder.addSpanProcessor(KEEP_IDS);
                    processors.forEach(builder::addSpanProcessor);
                    return builder;
                })
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        this.tracer = sdk.getTracer("id.lumbung");
    }

    /**
     * Exported only where told: traces by OTLP (over HTTP) once an endpoint is set, metrics and
     * logs never by OpenTelemetry (Prometheus scrapes {@code /prometheus}, logs go to stdout).
     */
    private static Map<String, String> defaults(ConfigProperties config) {
        Map<String, String> defaults = new HashMap<>();
        if (config.getString("otel.traces.exporter") == null) {
            boolean endpoint = config.getString("otel.exporter.otlp.endpoint") != null
                    || config.getString("otel.exporter.otlp.traces.endpoint") != null;
            defaults.put("otel.traces.exporter", endpoint ? "otlp" : "none");
        }
        if (config.getString("otel.exporter.otlp.protocol") == null) {
            defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        }
        for (String signal : List.of("metrics", "logs")) {
            if (config.getString("otel." + signal + ".exporter") == null) {
                defaults.put("otel." + signal + ".exporter", "none");
            }
        }
        if (config.getString("otel.service.name") == null) {
            defaults.put("otel.service.name", "lumbung");
        }
        return defaults;
    }

    /** Starts a span of the given kind under {@code parent}. */
    public Span start(String name, SpanKind kind, Context parent) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
    }

    /** Ends the span, marked failed with {@code error} when there is one. */
    public static void end(Span span, String error) {
        if (error != null) {
            span.setStatus(StatusCode.ERROR, error);
        }
        span.end();
    }

    /** The {@code traceparent} of the current span, or {@code null} outside any. */
    public static String traceparent() {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a {@code traceparent} names (the root context when it is absent or malformed). */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isEmpty()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), FROM_MAP);
    }

    /** A call to an agency, with the current span's {@code traceparent}. */
    public static java.net.http.HttpRequest.Builder traced(java.net.http.HttpRequest.Builder request) {
        String traceparent = traceparent();
        return traceparent == null ? request : request.header(TRACEPARENT, traceparent);
    }

    /** Sends what is still buffered on shutdown. */
    @PreDestroy
    void close() {
        sdk.close();
    }
}
