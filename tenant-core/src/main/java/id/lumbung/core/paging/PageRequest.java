package id.lumbung.core.paging;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Which page of a list a caller asks for: the first, the one after a page's last row, or the one
 * before a page's first row (keyset paging: a page stays the same when rows are added before it,
 * and no row is skipped or shown twice). Cursors are opaque to callers: the ordering key of a
 * row, encoded.
 *
 * @param after the cursor of the row to start after, or {@code null}
 * @param before the cursor of the row to end before, or {@code null}
 * @param size rows per page
 */
public record PageRequest(List<String> after, List<String> before, int size) {
    public static final int DEFAULT_SIZE = 100;
    public static final int MAXIMUM_SIZE = 500;
    private static final char SEPARATOR = '\u001f';

    public static PageRequest first() {
        return new PageRequest(null, null, DEFAULT_SIZE);
    }

    /** From a request's {@code after}, {@code before} and {@code size}; refuses what is not ours. */
    public static PageRequest of(String after, String before, Integer size) {
        if (blank(after) == false && blank(before) == false) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "Ask for the page after or before a row, not both");
        }
        int rows = size == null ? DEFAULT_SIZE : size;
        if (rows < 1 || rows > MAXIMUM_SIZE) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "A page holds 1 to " + MAXIMUM_SIZE + " rows");
        }
        return new PageRequest(blank(after) ? null : decode(after), blank(before) ? null : decode(before), rows);
    }

    /** A row's cursor from its ordering key. */
    public static String cursor(String... key) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), key).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> decode(String cursor) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Arrays.asList(key.split(String.valueOf(SEPARATOR), -1));
        } catch (IllegalArgumentException e) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "The page cursor is not one this list gave");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Whether the caller asked for the page before a row (rows are then read backwards). */
    public boolean backwards() {
        return before != null;
    }

    /** The cursor's key, checked to have {@code parts} parts. */
    public List<String> key(int parts) {
        List<String> key = backwards() ? before : after;
        if (key != null && key.size() != parts) {
            throw new LumbungException(ErrorCode.INVALID_PAGE, "The page cursor is not one this list gave");
        }
        return key;
    }
}
