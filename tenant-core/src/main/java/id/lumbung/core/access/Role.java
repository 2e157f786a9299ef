package id.lumbung.core.access;

/** Roles of Permensos 3/2021 as the platform models them (the full set arrives with the identity issue). */
public enum Role {
    /** Onboards provinces and tenants; no access to personal data by default. */
    PLATFORM_ADMIN,
    /** Reads all tenants of its province; never writes in a tenant. */
    PROVINCE_ADMIN,
    /** Users and settings of one regency/city social office. */
    TENANT_ADMIN
}
