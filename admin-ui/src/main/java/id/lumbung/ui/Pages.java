package id.lumbung.ui;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.household.HouseholdRepository;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The admin pages, in Bahasa Indonesia. */
@Controller
@Produces(MediaType.TEXT_HTML)
final class Pages {
    private final TenantService tenants;
    private final HouseholdRepository households;

    Pages(TenantService tenants, HouseholdRepository households) {
        this.tenants = tenants;
        this.households = households;
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> home() {
        return HttpResponse.seeOther(java.net.URI.create("/ui/tenants"));
    }

    @Get("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @View("login")
    Map<String, Object> login(
            @Nullable @QueryValue("gagal") String failed, @Nullable @QueryValue("keluar") String out) {
        Map<String, Object> model = new HashMap<>();
        model.put("failed", failed != null);
        model.put("loggedOut", out != null);
        return model;
    }

    @Get("/ui/tenants")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @View("tenants")
    Map<String, Object> tenantList(Authentication authentication) {
        Caller caller = Callers.from(authentication);
        List<Tenant> visible = tenants.visibleTo(caller);
        Map<String, Long> counts = caller.isPlatformAdmin()
                ? Map.of()
                : households.countByTenant(visible.stream().map(Tenant::id).toList());
        List<Map<String, Object>> rows = visible.stream()
                .map(tenant -> row(tenant, counts.getOrDefault(tenant.id(), 0L), caller.belongsTo(tenant.id())))
                .toList();
        return Map.of(
                "username",
                caller.username(),
                "role",
                String.join(
                        ", ",
                        caller.roles().stream().sorted().map(ROLE_NAMES::get).toList()),
                "rows",
                rows,
                "showCounts",
                !caller.isPlatformAdmin());
    }

    private static Map<String, Object> row(Tenant tenant, long householdCount, boolean mayImport) {
        return Map.of(
                "id", tenant.id(),
                "regionCode", tenant.regionCode(),
                "name", tenant.name(),
                "provinceId", tenant.provinceId(),
                "households", householdCount,
                "mayImport", mayImport);
    }

    private static final Map<Role, String> ROLE_NAMES = Map.of(
            Role.PLATFORM_ADMIN, "Admin Platform",
            Role.PROVINCE_ADMIN, "Admin Provinsi",
            Role.TENANT_ADMIN, "Admin Dinas Sosial Kabupaten/Kota",
            Role.VERIFIER, "Verifikator",
            Role.APPROVER, "Pengesah (Bupati/Wali Kota)",
            Role.VILLAGE_OPERATOR, "Operator Desa/Kelurahan",
            Role.FIELD_WORKER, "Pendamping Lapangan",
            Role.AUDITOR, "Auditor",
            Role.DPO, "Pejabat Pelindungan Data");
}
