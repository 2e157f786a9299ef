package id.lumbung.core.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One JSON object a line, for log collectors ({@code LUMBUNG_LOG_FORMAT=json}): time, level,
 * logger, thread, the request id, tenant and trace of the work ({@link LogContext}), the message
 * and the stack trace — both through the same NIK/KK mask as the text format, for a JSON
 * encoder of Logback's own would write the message unmasked.
 */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {
    private static final List<String> CONTEXT =
            List.of(LogContext.REQUEST_ID, LogContext.TENANT, LogContext.TRACE_ID, LogContext.SPAN_ID);

    private final MaskingThrowableConverter stack = new MaskingThrowableConverter();

    @Override
    public void start() {
        stack.setContext(getContext());
        stack.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256);
        line.append('{');
        field(line, "time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.append(',');
        field(line, "level", event.getLevel().toString());
        line.append(',');
        field(line, "logger", event.getLoggerName());
        line.append(',');
        field(line, "thread", event.getThreadName());
        Map<String, String> mdc = event.getMDCPropertyMap();
        for (String key : CONTEXT) {
            String value = mdc == null ? null : mdc.get(key);
            if (value != null) {
                line.append(',');
                field(line, key, value);
            }
        }
        line.append(',');
        field(line, "message", Redaction.maskForLog(event.getFormattedMessage()));
        if (event.getThrowableProxy() != null) {
            line.append(',');
            field(line, "stack", stack.convert(event));
        }
        return line.append("}\n").toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(value == null ? "" : value, line);
        line.append('"');
    }
}
