package id.lumbung.core.access;

/**
 * Roles of Permensos 3/2021 as the platform models them. What each may do is not here: it is the
 * permission matrix ({@link Permission}, {@link Authorizer}); a role only says where it is held.
 */
public enum Role {
    /** Onboards provinces and tenants; no access to personal data. */
    PLATFORM_ADMIN(Level.PLATFORM),
    /** Oversees the tenants of its province; never writes in one. */
    PROVINCE_ADMIN(Level.PROVINCE),
    /** Users and settings of one regency/city social office. */
    TENANT_ADMIN(Level.TENANT),
    /** Dinas Sosial staff who verify and validate (verval). */
    VERIFIER(Level.TENANT),
    /** The Bupati/Wali Kota's approval step. */
    APPROVER(Level.TENANT),
    /** Kelurahan/desa operator, limited to the villages assigned to the user. */
    VILLAGE_OPERATOR(Level.TENANT),
    /** PSM, TKSK or programme companion: works in its villages, sees the households assigned to it. */
    FIELD_WORKER(Level.TENANT),
    /** Sees the audit log, not personal data. */
    AUDITOR(Level.TENANT),
    /** The tenant's data protection officer: reads personal data and the audit log, changes nothing. */
    DPO(Level.TENANT);

    private final Level level;

    Role(Level level) {
        this.level = level;
    }

    /** Where the role is held: on the platform, in a province, or in one tenant. */
    public Level level() {
        return level;
    }

    /** The roles held at a level, e.g. those a tenant's admin may give its users. */
    public static java.util.Set<Role> heldIn(Level level) {
        java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (Role role : values()) {
            if (role.level == level) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** Where a role is held. */
    public enum Level {
        PLATFORM,
        PROVINCE,
        TENANT
    }
}
