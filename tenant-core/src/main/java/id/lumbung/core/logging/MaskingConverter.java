package id.lumbung.core.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback message converter that masks every NIK- or KK-like digit run, whatever the code that
 * logged it. Used as {@code %maskedMsg} in the log patterns: the last line of defence, not the first.
 */
public final class MaskingConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redaction.maskIdentifiers(super.convert(event));
    }
}
