package id.lumbung.gateway.observability;

import io.micronaut.context.annotation.Requires;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The spans a test context ended, as an exporter would have received them. */
@Singleton
@Requires(property = "lumbung.test.record-spans", value = "true")
public class RecordedSpans implements SpanProcessor {
    private final ConcurrentLinkedQueue<SpanData> ended = new ConcurrentLinkedQueue<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    public List<SpanData> of(String traceId) {
        return ended.stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }
}
