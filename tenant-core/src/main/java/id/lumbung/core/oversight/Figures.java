package id.lumbung.core.oversight;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.region.Region;
import id.lumbung.core.region.RegionLevel;
import id.lumbung.core.region.RegionRepository;
import id.lumbung.core.tenant.Tenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A province's view of its regencies (decision 0023): figures pre-aggregated per village and per
 * tenant, recomputed for the tenants something changed in ({@code figure_change}, marked by the
 * writing statements themselves) every {@code lumbung.oversight.refresh-interval} (1 minute), and
 * at least daily; the data-quality score kept day by day where it changed.
 */
@Singleton
public final class Figures {
    private static final Logger LOG = LoggerFactory.getLogger(Figures.class);
    /** The days of the quality trend a dashboard shows. */
    public static final int TREND_DAYS = 30;

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    private final FigureRows rows;
    private final TenantTransactions transactions;
    private final Authorizer access;
    private final RegionRepository regions;

    Figures(FigureRows rows, TenantTransactions transactions, Authorizer access, RegionRepository regions) {
        this.rows = rows;
        this.transactions = transactions;
        this.access = access;
        this.regions = regions;
    }

    /** Recomputes one tenant's figures and keeps today's quality where it changed, in one transaction. */
    public void refresh(String tenantId) {
        transactions.inTenant(tenantId, connection -> {
            rows.take(tenantId);
            rows.clearVillages(tenantId);
            rows.fillVillages(tenantId);
            rows.fillTenant(tenantId);
            rows.snapshot(tenantId);
            return null;
        });
    }

    /** Recomputes the tenants that changed (or were not computed for a day); answers how many. */
    @Scheduled(
            fixedDelay = "${lumbung.oversight.refresh-interval:1m}",
            initialDelay = "${lumbung.oversight.first-refresh:20s}")
    public int refreshDue() {
        long started = System.nanoTime();
        List<String> due = transactions.acrossAllTenants(connection -> rows.due());
        int refreshed = 0;
        for (String tenantId : due) {
            try {
                refresh(tenantId);
                refreshed++;
            } catch (RuntimeException e) {
                // One tenant's failure leaves its marks for the next round; the others go on.
                LOG.warn(
                        "Figures of tenant {} not refreshed: {}",
                        tenantId,
                        e.getClass().getSimpleName());
            }
        }
        if (refreshed > 0) {
            LOG.info("Figures refreshed: {} tenants in {} ms", refreshed, (System.nanoTime() - started) / 1_000_000);
        }
        return refreshed;
    }

    /** A regency's figures on the province's dashboard; {@code figures} is null until first computed. */
    public record Regency(Tenant tenant, @Nullable TenantFigureRow figures, List<QualityPoint> trend) {}

    /** A province's dashboard: its regencies the caller oversees, each with its figures and quality trend. */
    public record Province(String code, String name, List<Regency> regencies, LocalDate trendFrom) {}

    /** The province's regencies and their figures (aggregates only: no personal data). */
    public Province province(Caller caller, String provinceId) {
        Region province = regions.find(provinceId == null ? "" : provinceId)
                .filter(region -> region.level() == RegionLevel.PROVINCE)
                .orElseThrow(() ->
                        new LumbungException(ErrorCode.PROVINCE_NOT_FOUND, "No province has the code " + provinceId));
        List<Tenant> tenants = access.overseen(caller, Permission.FIGURES_READ, province.code());
        LocalDate from = LocalDate.now(JAKARTA).minusDays(TREND_DAYS - 1L);
        if (tenants.isEmpty()) {
            return new Province(province.code(), upper(province.name()), List.of(), from);
        }
        List<String> ids = tenants.stream().map(Tenant::id).toList();
        record Read(List<TenantFigureRow> figures, List<QualityPoint> before, List<QualityPoint> trend) {}
        Read read = transactions.inTenants(
                ids,
                connection ->
                        new Read(rows.findByTenantIdIn(ids), rows.before(ids, "", from), rows.trend(ids, "", from)));
        Map<String, TenantFigureRow> figures =
                read.figures().stream().collect(Collectors.toMap(TenantFigureRow::tenantId, Function.identity()));
        Map<String, List<QualityPoint>> trends = new HashMap<>();
        read.before().forEach(point -> trends.computeIfAbsent(point.tenantId(), id -> new ArrayList<>())
                .add(new QualityPoint(point.tenantId(), "", from, point.quality())));
        read.trend().forEach(point -> trends.computeIfAbsent(point.tenantId(), id -> new ArrayList<>())
                .add(point));
        List<Regency> regencies = tenants.stream()
                .map(tenant -> new Regency(
                        tenant, figures.get(tenant.id()), List.copyOf(trends.getOrDefault(tenant.id(), List.of()))))
                .toList();
        return new Province(province.code(), upper(province.name()), regencies, from);
    }

    /**
     * The drill-down of one regency: its districts, or the villages of one district ({@code
     * districtCode}); figures only, for whoever reads the tenant's figures.
     */
    public record Drill(
            Tenant tenant, @Nullable TenantFigureRow figures, @Nullable Region district, List<AreaFigures> areas) {}

    public Drill drill(Caller caller, String tenantId, @Nullable String districtCode) {
        Tenant tenant = access.require(caller, Permission.FIGURES_READ, tenantId);
        Region district = null;
        if (districtCode != null && !districtCode.isBlank()) {
            district = regions.find(districtCode.strip())
                    .filter(region -> region.level() == RegionLevel.DISTRICT
                            && region.parentCode().equals(tenant.regionCode()))
                    .orElseThrow(() -> new LumbungException(
                            ErrorCode.UNKNOWN_REGION,
                            "No district of " + tenant.name() + " has the code " + districtCode.strip()));
        }
        Region chosen = district;
        return transactions.inTenant(tenantId, connection -> {
            TenantFigureRow figures = rows.findByTenantIdIn(List.of(tenantId)).stream()
                    .findFirst()
                    .orElse(null);
            List<AreaFigures> areas = chosen == null
                    ? rows.districts(tenantId).stream().map(Figures::summed).toList()
                    : rows.villages(tenantId, chosen.code());
            return new Drill(tenant, figures, chosen, areas);
        });
    }

    /** Region names in capitals, as the tenants' ({@code SULAWESI TENGGARA}). */
    private static String upper(String name) {
        return name.toUpperCase(java.util.Locale.forLanguageTag("id-ID"));
    }

    /** A district's desil counts, summed position by position from its villages' ({@code a,b,…;c,d,…}). */
    private static AreaFigures summed(AreaFigures district) {
        long[] total = new long[11];
        for (String village : district.desil().split(";")) {
            String[] counts = village.split(",");
            for (int i = 0; i < Math.min(counts.length, total.length); i++) {
                total[i] += Long.parseLong(counts[i].strip());
            }
        }
        String desil = java.util.Arrays.stream(total).mapToObj(Long::toString).collect(Collectors.joining(","));
        return new AreaFigures(
                district.code(),
                district.name(),
                district.villages(),
                district.households(),
                district.people(),
                desil,
                district.withNik(),
                district.verified(),
                district.matching(),
                district.withoutHead(),
                district.openDuplicates(),
                district.openProposals(),
                district.quality());
    }
}
