package id.lumbung.connectors.camel;

/** Exchange headers and properties every connector route shares. */
public final class LumbungHeaders {
    /** The tenant (regency/city code) the exchange works for. */
    public static final String TENANT_ID = "LumbungTenantId";
    /** The outbox message id: with the tenant, the idempotency key of the result. */
    public static final String MESSAGE_ID = "LumbungMessageId";
    /** Property set by a circuit breaker's fallback: the call did not happen or did not succeed. */
    public static final String FALLBACK = "LumbungFallback";
    /** Property holding the agency's answer, once parsed. */
    public static final String RESULT = "LumbungResult";

    private LumbungHeaders() {}
}
