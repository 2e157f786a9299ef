package id.lumbung.core.logging;

import java.util.regex.Pattern;

/** Masks identifiers in free text: any run of 16 or more digits (a NIK or KK) keeps only its last four. */
public final class Redaction {
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![0-9])[0-9]{16,}(?![0-9])");

    private Redaction() {}

    public static String maskIdentifiers(String text) {
        if (text == null) {
            return null;
        }
        return IDENTIFIER
                .matcher(text)
                .replaceAll(run -> "*".repeat(run.group().length() - 4)
                        + run.group().substring(run.group().length() - 4));
    }
}
