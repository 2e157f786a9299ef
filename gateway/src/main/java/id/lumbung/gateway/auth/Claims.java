package id.lumbung.gateway.auth;

/**
 * The names of what an {@code Authentication} carries besides the username and roles: read
 * from the database for our own users ({@link LumbungJwtAuthenticationFactory}), from the
 * province's claims for an external one. Only the token version travels in our tokens.
 */
public final class Claims {
    /** The tenants of tenant-level roles. */
    public static final String TENANTS = "tenants";
    /** The province of a province admin. */
    public static final String PROVINCE = "province";
    /** The villages of a village-scoped role. */
    public static final String VILLAGES = "villages";
    /** The user's token version: older versions are refused. */
    public static final String VERSION = "ver";

    private Claims() {}
}
