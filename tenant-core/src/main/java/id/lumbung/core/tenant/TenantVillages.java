package id.lumbung.core.tenant;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.region.Region;
import id.lumbung.core.region.RegionCode;
import id.lumbung.core.region.RegionLevel;
import id.lumbung.core.region.RegionRepository;
import jakarta.inject.Singleton;

/**
 * A village named in a request, checked to be a village of the tenant: another tenant's
 * village is refused (422), never quietly accepted as an empty result.
 */
@Singleton
public final class TenantVillages {
    private final RegionRepository regions;

    TenantVillages(RegionRepository regions) {
        this.regions = regions;
    }

    /** As {@link #require}, for a village a request may leave out: blank is none ({@code null}). */
    public String optional(Tenant tenant, String village) {
        return village == null || village.isBlank() ? null : require(tenant, village);
    }

    /** The village's dotted code; {@code unknown_village} or {@code village_outside_tenant} otherwise. */
    public String require(Tenant tenant, String village) {
        String code = RegionCode.normalise(village);
        Region found = regions.find(code)
                .filter(region -> region.level() == RegionLevel.VILLAGE)
                .orElseThrow(() -> new LumbungException(ErrorCode.UNKNOWN_VILLAGE, "No village has the code " + code));
        if (!found.code().startsWith(tenant.regionCode() + ".")) {
            throw new LumbungException(
                    ErrorCode.VILLAGE_OUTSIDE_TENANT, "Village " + code + " is not in " + tenant.name());
        }
        return found.code();
    }
}
