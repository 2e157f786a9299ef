package id.lumbung.gateway;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import java.util.UUID;

/** Object ids from paths: an id that is not even a UUID is simply an object that does not exist (404). */
public final class PathIds {
    private PathIds() {}

    /**
     * The UUID in the path, or a 404 with {@code notFoundCode}.
     *
     * @param raw the path segment
     * @param notFoundCode e.g. {@code household_not_found}
     * @param what the object's name for the message, e.g. {@code Household}
     */
    public static UUID uuid(String raw, ErrorCode notFoundCode, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new LumbungException(notFoundCode, what + " " + raw + " was not found");
        }
    }
}
