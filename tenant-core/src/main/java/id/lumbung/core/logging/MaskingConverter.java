package id.lumbung.core.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback message converter that masks every run of six or more digits (NIK, KK, account, date), whatever the code that
 * logged it. Used as {@code %maskedMsg} in the log patterns: the last line of defence, not the first.
 */
public final class MaskingConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redaction.maskForLog(super.convert(event));
    }
}
