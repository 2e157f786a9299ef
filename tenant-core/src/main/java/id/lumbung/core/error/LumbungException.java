package id.lumbung.core.error;

/**
 * A failure the caller can act on: one of the {@link ErrorCode}s, which the API renders in problem
 * bodies (its HTTP status chosen from the code's kind at the edge) and the pages say in Bahasa
 * Indonesia, and a message saying what exactly went wrong.
 *
 * <p>The message is shown to callers: it must never contain a full NIK, KK, password or token.
 */
public class LumbungException extends RuntimeException {
    private final ErrorCode code;

    public LumbungException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** Stable snake_case error code, e.g. {@code tenant_not_found}. */
    public String code() {
        return code.code();
    }

    public ErrorCode errorCode() {
        return code;
    }

    /** The tenant is unknown or not visible to the caller: answered as 404, never 403. */
    public static LumbungException tenantNotFound(String tenantId) {
        return new LumbungException(ErrorCode.TENANT_NOT_FOUND, "Tenant " + tenantId + " was not found");
    }
}
