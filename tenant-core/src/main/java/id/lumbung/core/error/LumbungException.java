package id.lumbung.core.error;

/**
 * A failure the caller can act on. Carries a stable snake_case {@code code} that the API
 * renders in problem bodies and the UI translates, and the HTTP status it maps to.
 *
 * <p>The message is shown to callers: it must never contain a full NIK, KK, password or token.
 */
public class LumbungException extends RuntimeException {
    private final String code;
    private final int status;

    public LumbungException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** Stable snake_case error code, e.g. {@code tenant_not_found}. */
    public String code() {
        return code;
    }

    /** HTTP status this failure answers with. */
    public int status() {
        return status;
    }

    /** The tenant is unknown or not visible to the caller: answered as 404, never 403. */
    public static LumbungException tenantNotFound(String tenantId) {
        return new LumbungException(404, "tenant_not_found", "Tenant " + tenantId + " was not found");
    }

    /** The caller sees the tenant but its role may not do this. */
    public static LumbungException forbidden(String code, String message) {
        return new LumbungException(403, code, message);
    }
}
