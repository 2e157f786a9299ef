package id.lumbung.core.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Stack traces pass through the same mask as messages: an exception message quoting a SQL
 * parameter or an agency response must not print a NIK. Used as {@code %maskedEx}.
 */
public final class MaskingThrowableConverter extends ExtendedThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Redaction.maskForLog(super.convert(event));
    }
}
