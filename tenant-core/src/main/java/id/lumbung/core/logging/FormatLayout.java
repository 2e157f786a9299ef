package id.lumbung.core.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;

/**
 * The log format an operator chose ({@code LUMBUNG_LOG_FORMAT}): {@code text}, the pattern
 * given, or {@code json} ({@link JsonLayout}). One appender with this layout, not one appender a
 * format: Logback would warn of the one left unused on every start.
 */
public final class FormatLayout extends LayoutBase<ILoggingEvent> {
    private String format = "text";
    private String pattern;
    private Layout<ILoggingEvent> chosen;

    public void setFormat(String format) {
        this.format = format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if ("json".equals(format)) {
            chosen = new JsonLayout();
        } else {
            if (!"text".equals(format)) {
                addError("LUMBUNG_LOG_FORMAT must be text or json, not " + format + ": writing text");
            }
            PatternLayout text = new PatternLayout();
            text.setPattern(pattern);
            chosen = text;
        }
        chosen.setContext(getContext());
        chosen.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return chosen.doLayout(event);
    }
}
