package id.lumbung.core.tenant;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.region.Region;
import id.lumbung.core.region.RegionCode;
import id.lumbung.core.region.RegionLevel;
import id.lumbung.core.region.RegionRepository;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Onboarding and listing of tenants. */
@Singleton
public final class TenantService {
    private static final Logger LOG = LoggerFactory.getLogger(TenantService.class);
    private static final Locale INDONESIAN = Locale.forLanguageTag("id-ID");

    private final TenantRepository tenants;
    private final RegionRepository regions;
    private final Authorizer access;
    private final TenantTransactions transactions;

    TenantService(
            TenantRepository tenants, RegionRepository regions, Authorizer access, TenantTransactions transactions) {
        this.tenants = tenants;
        this.regions = regions;
        this.access = access;
        this.transactions = transactions;
    }

    /**
     * Onboards the regency/city with the given Kemendagri code as a tenant: the platform admin, or
     * the admin of its province.
     */
    public Tenant create(Caller caller, String regionCode) {
        if (!access.holdsAnywhere(caller, Permission.TENANT_ONBOARD)) {
            throw Authorizer.denied(Permission.TENANT_ONBOARD);
        }
        Region region = regency(regionCode);
        access.requireOnboarding(caller, region.parentCode());
        return create(regionCode, caller.username());
    }

    /** Onboards a tenant on behalf of the platform itself (demo seeding, onboarding scripts). */
    public Tenant create(String regionCode, String createdBy) {
        Region region = regency(regionCode);
        String code = region.code();
        Tenant tenant = new Tenant(
                code.replace(".", ""),
                code,
                region.name().toUpperCase(INDONESIAN),
                region.parentCode(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        boolean created = transactions.platform(connection -> tenants.insert(connection, tenant, createdBy));
        if (!created) {
            throw new LumbungException(ErrorCode.TENANT_EXISTS, "Tenant " + tenant.id() + " already exists");
        }
        LOG.info("Tenant {} ({}) onboarded by {}", tenant.id(), tenant.name(), createdBy);
        return tenant;
    }

    /** The regency or city of a Kemendagri code; {@code unknown_region} or {@code region_not_regency} otherwise. */
    private Region regency(String regionCode) {
        String code = RegionCode.normalise(regionCode);
        Region region = regions.find(code)
                .orElseThrow(() -> new LumbungException(
                        ErrorCode.UNKNOWN_REGION, "No regency or city has the Kemendagri code " + code));
        if (region.level() != RegionLevel.REGENCY) {
            throw new LumbungException(
                    ErrorCode.REGION_NOT_REGENCY, "A tenant is a regency or city (a code like 74.71), not " + code);
        }
        return region;
    }

    /** A tenant's official name (for a page an invitation's token opens), or its id when unknown. */
    public String name(String tenantId) {
        return tenants.findById(tenantId).map(Tenant::name).orElse(tenantId);
    }

    /** The tenants the caller may see. */
    public List<Tenant> visibleTo(Caller caller) {
        return tenants.findAll().stream()
                .filter(tenant -> access.canSee(caller, tenant))
                .toList();
    }
}
