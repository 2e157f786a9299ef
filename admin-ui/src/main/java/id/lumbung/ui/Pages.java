package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
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
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The admin pages, in Bahasa Indonesia. */
@Controller
@Produces(MediaType.TEXT_HTML)
final class Pages {
    private final TenantService tenants;
    private final HouseholdRepository households;
    private final Authorizer authorizer;

    Pages(TenantService tenants, HouseholdRepository households, Authorizer authorizer) {
        this.tenants = tenants;
        this.households = households;
        this.authorizer = authorizer;
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
            @Nullable @QueryValue("gagal") String failed,
            @Nullable @QueryValue("keluar") String out,
            @Nullable @QueryValue("ganti") String change,
            @Nullable @QueryValue("undangan") String invited) {
        Map<String, Object> model = new HashMap<>();
        model.put("invited", invited != null);
        // A first login that must choose a new password, and why the last try did not pass.
        model.put("change", change != null);
        model.put(
                "changeProblem",
                change == null
                        ? ""
                        : switch (change) {
                            case "beda" -> "Kata sandi baru dan ulangannya tidak sama.";
                            case "lemah" -> "Kata sandi baru harus 12 sampai 256 karakter.";
                            case "sama" -> "Kata sandi baru harus berbeda dari yang lama.";
                            default -> "";
                        });
        model.put("failed", failed != null);
        model.put("loggedOut", out != null);
        return model;
    }

    @Get("/ui/tenants")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @View("tenants")
    Map<String, Object> tenantList(Caller caller) {
        List<Tenant> visible = tenants.visibleTo(caller);
        Map<String, Set<Permission>> held = new HashMap<>();
        visible.forEach(tenant -> held.put(tenant.id(), authorizer.permissions(caller, tenant.id())));
        boolean showCounts =
                held.values().stream().anyMatch(permissions -> permissions.contains(Permission.HOUSEHOLD_READ));
        Map<String, Long> counts = showCounts
                ? households.countByTenant(visible.stream().map(Tenant::id).toList())
                : Map.of();
        Map<String, Boolean> overseen = new HashMap<>();
        visible.forEach(tenant -> overseen.computeIfAbsent(
                tenant.provinceId(), province -> authorizer.oversees(caller, Permission.FIGURES_READ, province)));
        List<Map<String, Object>> rows = visible.stream()
                .map(tenant -> row(
                        tenant,
                        counts.getOrDefault(tenant.id(), 0L),
                        held.get(tenant.id()),
                        overseen.get(tenant.provinceId())))
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
                showCounts,
                "mayConnectors",
                authorizer.holdsAnywhere(caller, Permission.CONNECTOR_READ),
                "acrossUrl",
                caller.provinceId() != null && authorizer.holdsAnywhere(caller, Permission.DUPLICATE_ACROSS)
                        ? "/ui/provinsi/" + caller.provinceId() + "/ganda"
                        : "",
                "mayOnboard",
                authorizer.holdsAnywhere(caller, Permission.TENANT_ONBOARD),
                "provinceUrl",
                caller.provinceId() != null && authorizer.oversees(caller, Permission.FIGURES_READ, caller.provinceId())
                        ? "/ui/provinsi/" + caller.provinceId()
                        : "");
    }

    /** A tenant's row: the pages its permissions open, and nothing else. */
    private static Map<String, Object> row(
            Tenant tenant, long householdCount, Set<Permission> held, boolean provinceOverseen) {
        List<Map<String, String>> links = new ArrayList<>();
        PAGES.forEach((page, needed) -> {
            if (held.containsAll(needed)) {
                links.add(Map.of("href", "/ui/tenants/" + tenant.id() + "/" + page.path, "label", page.label));
            }
        });
        return Map.of(
                "id", tenant.id(),
                "regionCode", tenant.regionCode(),
                "name", tenant.name(),
                "provinceId", tenant.provinceId(),
                "provinceHref", provinceOverseen ? "/ui/provinsi/" + tenant.provinceId() : "",
                "households", householdCount,
                "links", links);
    }

    /** The pages of a tenant, in the order shown, and the verbs each needs. */
    private static final Map<PageLink, Set<Permission>> PAGES = pages();

    private record PageLink(String path, String label) {}

    private static Map<PageLink, Set<Permission>> pages() {
        Map<PageLink, Set<Permission>> pages = new LinkedHashMap<>();
        pages.put(new PageLink("ringkasan", "Ringkasan & mutu data"), Set.of(Permission.FIGURES_READ));
        pages.put(new PageLink("persiapan", "Persiapan"), Set.of(Permission.FIGURES_READ));
        pages.put(new PageLink("akses", "Akses data pribadi"), Set.of(Permission.BREAK_GLASS_READ));
        pages.put(new PageLink("keluarga", "Data keluarga"), Set.of(Permission.HOUSEHOLD_READ));
        pages.put(new PageLink("impor", "Impor data"), Set.of(Permission.IMPORT_RUN));
        pages.put(new PageLink("verifikasi", "Verifikasi Dukcapil"), Set.of(Permission.VERIFICATION_READ));
        pages.put(new PageLink("sinkron", "Sinkronisasi Dukcapil"), Set.of(Permission.VERIFICATION_READ));
        pages.put(new PageLink("ganda", "Data ganda"), Set.of(Permission.DUPLICATE_RUN));
        pages.put(new PageLink("pindahan", "Pindahan keluarga"), Set.of(Permission.HOUSEHOLD_TRANSFER));
        pages.put(new PageLink("cocokkan", "Cocokkan daftar lain"), Set.of(Permission.LIST_RECONCILE));
        pages.put(new PageLink("usulan", "Usulan"), Set.of(Permission.PROPOSAL_READ));
        pages.put(new PageLink("lapangan", "Kunjungan lapangan"), Set.of(Permission.FIELD_VISIT));
        pages.put(
                new PageLink("persetujuan", "Persetujuan"),
                Set.of(Permission.PROPOSAL_READ, Permission.PROPOSAL_APPROVE));
        pages.put(new PageLink("penetapan", "Penetapan Kemensos"), Set.of(Permission.MINISTRY_READ));
        pages.put(new PageLink("penyaluran", "Penyaluran"), Set.of(Permission.PAYMENT_READ));
        pages.put(
                new PageLink("pertukaran", "Dapodik & Kemensos"),
                Set.of(Permission.STUDENT_READ, Permission.MINISTRY_READ));
        return pages;
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
