package id.lumbung.core.access;

/** Roles of Permensos 3/2021 as the platform models them. */
public enum Role {
    /** Onboards provinces and tenants; no access to personal data by default. */
    PLATFORM_ADMIN(Level.PLATFORM, false, false),
    /** Reads all tenants of its province; never writes in a tenant. */
    PROVINCE_ADMIN(Level.PROVINCE, true, false),
    /** Users and settings of one regency/city social office. */
    TENANT_ADMIN(Level.TENANT, true, true),
    /** Dinas Sosial staff who verify and validate (verval). */
    VERIFIER(Level.TENANT, true, true),
    /** The Bupati/Wali Kota's approval step. */
    APPROVER(Level.TENANT, true, true),
    /** Kelurahan/desa operator, limited to the villages assigned to the user. */
    VILLAGE_OPERATOR(Level.TENANT, true, true),
    /** PSM, TKSK or programme companion: works in its villages, sees the households assigned to it. */
    FIELD_WORKER(Level.TENANT, true, true),
    /** Read-only; sees the audit log, not personal data. */
    AUDITOR(Level.TENANT, false, false),
    /** The tenant's data protection officer: reads personal data and the audit log, changes nothing. */
    DPO(Level.TENANT, true, false);

    private final Level level;
    private final boolean readsPersonalData;
    private final boolean writes;

    Role(Level level, boolean readsPersonalData, boolean writes) {
        this.level = level;
        this.readsPersonalData = readsPersonalData;
        this.writes = writes;
    }

    /** Where the role is held: on the platform, in a province, or in one tenant. */
    public Level level() {
        return level;
    }

    public boolean readsPersonalData() {
        return readsPersonalData;
    }

    public boolean writes() {
        return writes;
    }

    /** Whether the role may see full NIK and KK numbers (each such read is audited). */
    public boolean seesFullIdentifiers() {
        return this == VERIFIER || this == DPO;
    }

    /** Whether the role sees the audit log. */
    public boolean readsAudit() {
        return this == AUDITOR || this == DPO;
    }

    /** Whether the role works in assigned villages (given when the user is created). */
    public boolean villageScoped() {
        return this == VILLAGE_OPERATOR || this == FIELD_WORKER;
    }

    /**
     * What the role sees of a tenant's households: {@code VILLAGES} (its villages), {@code
     * ASSIGNED} (households assigned to the user) or {@code TENANT} (all).
     */
    public Reach reach() {
        return switch (this) {
            case VILLAGE_OPERATOR -> Reach.VILLAGES;
            case FIELD_WORKER -> Reach.ASSIGNED;
            default -> Reach.TENANT;
        };
    }

    /** How far a role reaches into a tenant's households. */
    public enum Reach {
        TENANT,
        VILLAGES,
        ASSIGNED
    }

    /** Where a role is held. */
    public enum Level {
        PLATFORM,
        PROVINCE,
        TENANT
    }
}
