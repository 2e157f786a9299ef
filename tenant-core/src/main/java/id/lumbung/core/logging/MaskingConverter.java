package id.lumbung.core.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Pattern;

/**
 * Logback message converter that masks every run of 16 or more digits (a NIK or KK number),
 * whatever the code that logged it. Used as
 * {@code %maskedMsg} in the log patterns: the last line of defence, not the first.
 */
public final class MaskingConverter extends MessageConverter {
    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9]{16,}(?![0-9])");

    @Override
    public String convert(ILoggingEvent event) {
        return mask(super.convert(event));
    }

    /** The text with every run of 16 or more digits masked but for its last four. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        return LONG_DIGIT_RUN
                .matcher(text)
                .replaceAll(run -> "*".repeat(run.group().length() - 4)
                        + run.group().substring(run.group().length() - 4));
    }
}
