package id.lumbung.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import id.lumbung.core.logging.JsonLayout;
import id.lumbung.core.testing.Eventually;
import id.lumbung.gateway.ApiTest;
import id.lumbung.simulators.dukcapil.DukcapilSimulator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One trace from a NIK check's request, through the outbox and the Camel route, to Dukcapil. */
@MicronautTest
class TracingTest extends ApiTest {
    private static final String NIK = "7471011205850001";

    @Inject
    RecordedSpans spans;

    @Inject
    DukcapilSimulator dukcapil;

    @Override
    protected Map<String, String> extraProperties() {
        return with("lumbung.test.record-spans", "true");
    }

    @Test
    void aNikCheckIsOneTraceFromItsRequestToTheAgencyAndItsLogLinesCarryItsRequestAndTenant() {
        String traceId = hex(16);
        String callersSpan = hex(8);
        String requestId = "trace-" + hex(4);
        Logger pipeline = (Logger) LoggerFactory.getLogger("id.lumbung.connectors.camel.AgencyPipeline");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level level = pipeline.getLevel();
        pipeline.setLevel(Level.DEBUG);
        pipeline.addAppender(lines);
        try {
            HttpResponse<String> accepted = send(request("/api/v1/tenants/7471/nik-checks", login("admin-7471"))
                    .header("traceparent", "00-" + traceId + "-" + callersSpan + "-01")
                    .header("X-Request-Id", requestId)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"nik\":\"" + NIK + "\"}"))
                    .build());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            assertThat(accepted.headers().firstValue("X-Request-Id")).hasValue(requestId);

            // Dukcapil received the trace: its parent is our call's span.
            String received = Eventually.await(
                    Duration.ofSeconds(30),
                    () -> dukcapil.traceparents().stream()
                            .filter(header -> header.contains(traceId))
                            .findFirst()
                            .orElse(null),
                    header -> header != null);
            List<SpanData> trace =
                    Eventually.await(Duration.ofSeconds(10), () -> spans.of(traceId), ended -> ended.stream()
                            .anyMatch(span -> span.getKind() == SpanKind.CONSUMER));

            SpanData server = only(trace, SpanKind.SERVER);
            SpanData consumer = only(trace, SpanKind.CONSUMER);
            SpanData call = only(trace, SpanKind.CLIENT);
            assertThat(server.getParentSpanId()).as("the caller's span").isEqualTo(callersSpan);
            assertThat(server.getName()).isEqualTo("POST /api/v1/tenants/{tenantId}/nik-checks");
            assertThat(server.getAttributes().asMap().toString()).doesNotContain(NIK);
            assertThat(consumer.getParentSpanId())
                    .as("the outbox carried the request's span")
                    .isEqualTo(server.getSpanId());
            assertThat(consumer.getName()).isEqualTo("DUKCAPIL NIK_CHECK");
            assertThat(call.getParentSpanId()).isEqualTo(consumer.getSpanId());
            assertThat(received).isEqualTo("00-" + traceId + "-" + call.getSpanId() + "-01");

            // The worker's line about the answer carries the request's id, the tenant and the trace,
            // and the JSON form of it has them as fields.
            ILoggingEvent answered = Eventually.await(
                    Duration.ofSeconds(10),
                    () -> lines.list.stream()
                            .filter(line ->
                                    requestId.equals(line.getMDCPropertyMap().get("request_id")))
                            .filter(line -> line.getFormattedMessage().contains("answered"))
                            .findFirst()
                            .orElse(null),
                    line -> line != null);
            assertThat(answered.getMDCPropertyMap())
                    .containsEntry("tenant", "7471")
                    .containsEntry("trace_id", traceId)
                    .containsEntry("span_id", consumer.getSpanId());
            JsonLayout layout = new JsonLayout();
            layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
            layout.start();
            Map<String, Object> json = parsed(layout.doLayout(answered));
            assertThat(json)
                    .containsEntry("request_id", requestId)
                    .containsEntry("tenant", "7471")
                    .containsEntry("trace_id", traceId)
                    .containsEntry("level", "DEBUG");
        } finally {
            pipeline.detachAppender(lines);
            pipeline.setLevel(level);
        }
    }

    @Test
    void aRequestIdThatIsNotSaneIsReplacedAndEveryAnswerNamesItsOwn() {
        HttpResponse<String> answer = send(request("/api/v1/tenants/7471/households", login("admin-7471"))
                .header("X-Request-Id", "<script>")
                .GET()
                .build());
        assertThat(answer.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind) {
        List<SpanData> found =
                trace.stream().filter(span -> span.getKind() == kind).toList();
        assertThat(found).as("%s spans of %s", kind, trace).hasSize(1);
        return found.get(0);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private Map<String, Object> parsed(String text) {
        try {
            return json.readValue(text, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
