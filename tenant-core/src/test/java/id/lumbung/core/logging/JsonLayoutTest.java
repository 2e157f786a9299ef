package id.lumbung.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLayoutTest {
    private final LoggerContext context = new LoggerContext();
    private final Logger logger = context.getLogger("id.lumbung.test");

    @Test
    void aLineIsOneJsonObjectWithItsContextAndNoNikOrKkInItsMessageOrStack() throws Exception {
        LoggingEvent event = new LoggingEvent(
                "x",
                logger,
                Level.WARN,
                "NIK {} of \"WA ODE\"\nin KK {}",
                new IllegalStateException("duplicate key (nik)=(7471015106600002)"),
                new Object[] {"7471011205850001", "7471010101200001"});
        event.setMDCPropertyMap(Map.of(
                LogContext.REQUEST_ID, "req-1",
                LogContext.TENANT, "7471",
                LogContext.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736"));
        JsonLayout layout = new JsonLayout();
        layout.setContext(context);
        layout.start();

        String line = layout.doLayout(event);

        assertThat(line).endsWith("}\n").doesNotContain("7471011205850001", "7471010101200001", "7471015106600002");
        assertThat(line.strip()).doesNotContain("\n");
        Map<String, Object> json = io.micronaut.serde.ObjectMapper.getDefault()
                .readValue(line, io.micronaut.core.type.Argument.mapOf(String.class, Object.class));
        assertThat(json)
                .containsEntry("level", "WARN")
                .containsEntry("logger", "id.lumbung.test")
                .containsEntry("request_id", "req-1")
                .containsEntry("tenant", "7471")
                .containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
                .doesNotContainKey("span_id");
        assertThat((String) json.get("message")).startsWith("NIK ").contains("\"WA ODE\"\nin KK ");
        assertThat((String) json.get("stack")).contains("IllegalStateException", "duplicate key");
    }
}
