package id.lumbung.core.region;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import java.util.regex.Pattern;

/** Parses region codes written with or without dots ({@code 7471} or {@code 74.71}). */
public final class RegionCode {
    private static final Pattern DOTTED = Pattern.compile("[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?)?");
    private static final Pattern PLAIN = Pattern.compile("[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{4})?)?)?");

    private RegionCode() {}

    /** The dotted form of a region code, or {@code invalid_region_code} (422). */
    public static String normalise(String code) {
        String trimmed = code == null ? "" : code.strip();
        if (DOTTED.matcher(trimmed).matches()) {
            return trimmed;
        }
        if (PLAIN.matcher(trimmed).matches()) {
            StringBuilder dotted = new StringBuilder(trimmed.substring(0, 2));
            for (int start = 2; start < trimmed.length(); start += 2) {
                int end = start == 6 ? trimmed.length() : start + 2;
                dotted.append('.').append(trimmed, start, end);
                if (start == 6) {
                    break;
                }
            }
            return dotted.toString();
        }
        throw new LumbungException(
                ErrorCode.INVALID_REGION_CODE,
                "A region code is 2, 4, 6 or 10 digits, with or without dots (e.g. 74.71 or 7471)");
    }
}
