package id.lumbung.core.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exporting nothing (no OTEL_* endpoint), as in the demo: traces still run, with ids of their own. */
class TracingTest {
    private static final String CALLER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void withNothingExportedASpanStillHasItsOwnIdsUnderItsParentsTrace() {
        Tracing tracing = new Tracing(List.of());
        try {
            Span span = tracing.start("GET /x", SpanKind.SERVER, Tracing.parent(CALLER));
            try (Scope ignored = span.makeCurrent()) {
                String own = Tracing.traceparent();
                assertThat(own)
                        .startsWith("00-0af7651916cd43dd8448eb211c80319c-")
                        .isNotEqualTo(CALLER)
                        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            } finally {
                span.end();
            }
            assertThat(Tracing.traceparent()).as("outside any span").isNull();
            assertThat(Tracing.parent("not a traceparent")).isEqualTo(io.opentelemetry.context.Context.root());
        } finally {
            tracing.close();
        }
    }
}
