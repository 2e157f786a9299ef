package id.lumbung.core.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks identifiers in free text, keeping only the last four digits of each. */
public final class Redaction {
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![0-9])[0-9]{16,}(?![0-9])");

    /**
     * In logs, any run of six or more digits, with or without single separators between them
     * ({@code 7471 0151 0660 0002}, {@code 74.71.01}, {@code 0812-3456-7890}): a NIK typed with
     * spaces, a phone or account number, a birth date. UUIDs (request and object ids) and IPv4
     * addresses are kept, and so are digits inside words and hex strings.
     */
    private static final Pattern LOGGED = Pattern.compile("(?i)(?<uuid>(?<![0-9a-z])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}"
            + "-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-z]))"
            + "|(?<ip>(?<![0-9a-z.])[0-9]{1,3}(?:\\.[0-9]{1,3}){3}(?![0-9a-z.]))"
            + "|(?<![0-9a-z])[0-9](?:[ ./-]?[0-9]){5,}(?![0-9a-z])");

    private Redaction() {}

    /** For answers to callers: runs of 16 or more digits (a NIK or KK), as the caller may have typed others. */
    public static String maskIdentifiers(String text) {
        if (text == null) {
            return null;
        }
        return IDENTIFIER.matcher(text).replaceAll(run -> mask(run.group()));
    }

    /** For logs: every run of six or more digits, separated or not (see {@link #LOGGED}). */
    public static String maskForLog(String text) {
        if (text == null) {
            return null;
        }
        // Whole identifiers first, even written against letters ("NIK7471…"), then every run.
        Matcher matcher = LOGGED.matcher(maskIdentifiers(text));
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String run = matcher.group();
            matcher.appendReplacement(
                    out,
                    Matcher.quoteReplacement(
                            matcher.group("uuid") != null || matcher.group("ip") != null ? run : mask(run)));
        }
        return matcher.appendTail(out).toString();
    }

    /** Every digit but the last four becomes {@code *}; separators stay. */
    private static String mask(String run) {
        int digits = (int) run.chars().filter(Character::isDigit).count();
        StringBuilder masked = new StringBuilder(run.length());
        int seen = 0;
        for (char c : run.toCharArray()) {
            if (Character.isDigit(c)) {
                seen++;
                masked.append(seen <= digits - 4 ? '*' : c);
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }
}
