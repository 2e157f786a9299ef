package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.Household;
import id.lumbung.core.household.HouseholdDetail;
import id.lumbung.core.household.Member;
import id.lumbung.core.household.MemberStatus;
import id.lumbung.core.household.RegistryField;
import id.lumbung.core.household.RegistryReads;
import id.lumbung.core.household.Relationship;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.region.Region;
import id.lumbung.core.region.RegionRepository;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The registry for an operator, in Bahasa Indonesia: households of a village, search by NIK,
 * KK or name (sent in a form body, never in the address), a household with its members,
 * criteria and history, and the export links. Plain HTML with no script: it loads fast on a
 * weak PC.
 */
@Controller("/ui/tenants/{tenantId}/keluarga")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class RegistryPages {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    private static final Map<String, String> SOURCES = Map.of(
            "IMPORT", "Impor berkas",
            "OPERATOR", "Operator",
            "FIELD_VISIT", "Kunjungan lapangan",
            "DUKCAPIL", "Dukcapil");
    private static final Map<String, String> HOUSEHOLD_STATUS = Map.of(
            "ACTIVE", "Aktif",
            "INACTIVE", "Tidak aktif",
            "LEFT", "Keluar",
            "PENDING", "Pindahan, menunggu verifikasi");

    private final RegistryReads reads;
    private final TenantService tenants;
    private final RegionRepository regions;
    private final Authorizer authorizer;
    private final id.lumbung.core.household.CarryOver carryOver;
    private final id.lumbung.core.transfer.Transfers transfers;
    private final id.lumbung.core.tenant.TenantRepository allTenants;

    RegistryPages(
            RegistryReads reads,
            TenantService tenants,
            RegionRepository regions,
            Authorizer authorizer,
            id.lumbung.core.household.CarryOver carryOver,
            id.lumbung.core.transfer.Transfers transfers,
            id.lumbung.core.tenant.TenantRepository allTenants) {
        this.carryOver = carryOver;
        this.transfers = transfers;
        this.allTenants = allTenants;
        this.authorizer = authorizer;
        this.reads = reads;
        this.tenants = tenants;
        this.regions = regions;
    }

    @Get
    ModelAndView<Map<String, Object>> page(
            @PathVariable String tenantId,
            @Nullable @QueryValue String desa,
            @Nullable @QueryValue String setelah,
            @Nullable @QueryValue String sebelum,
            Caller caller) {
        Map<String, Object> model = base(caller, tenantId);
        model.put("village", desa == null ? "" : desa);
        if (desa != null && !desa.isBlank()) {
            try {
                Page<Household> page = reads.households(caller, tenantId, desa, PageRequest.of(setelah, sebelum, null));
                model.put(
                        "households",
                        page.items().stream().map(RegistryPages::household).toList());
                model.put("paging", Paging.of(page, "keluarga", villageList(tenantId, "", desa)));
            } catch (LumbungException e) {
                model.put("error", message(e));
            }
        }
        return new ModelAndView<>("registry", model);
    }

    /** The members of a village who turn 17 in the next six months: they record their KTP-el then. */
    @Get("/usia-17")
    ModelAndView<Map<String, Object>> turningSeventeen(
            @PathVariable String tenantId,
            @Nullable @QueryValue String desa,
            @Nullable @QueryValue String setelah,
            @Nullable @QueryValue String sebelum,
            Caller caller) {
        Map<String, Object> model = base(caller, tenantId);
        model.put("village", desa == null ? "" : desa);
        model.put("listTitle", "Anggota yang berusia 17 tahun dalam enam bulan ke depan (perekaman KTP-el)");
        try {
            Page<RegistryReads.Match> page =
                    reads.turningSeventeen(caller, tenantId, desa, PageRequest.of(setelah, sebelum, null));
            model.put("members", page.items().stream().map(RegistryPages::match).toList());
            model.put("paging", Paging.of(page, "orang", villageList(tenantId, "/usia-17", desa)));
        } catch (LumbungException e) {
            model.put("error", message(e));
        }
        return new ModelAndView<>("registry", model);
    }

    /**
     * A search from the page's form.
     *
     * @param jenis nik, kk or nama
     * @param q what to look for
     */
    @io.micronaut.serde.annotation.Serdeable
    record Search(@Nullable String jenis, @Nullable String q, @Nullable String setelah, @Nullable String sebelum) {}

    @Post(value = "/cari", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    ModelAndView<Map<String, Object>> search(
            @PathVariable String tenantId, @Body Search search, Caller caller, HttpRequest<?> request) {
        Map<String, Object> model = base(caller, tenantId);
        String kind = search.jenis() == null ? "nama" : search.jenis();
        String query = search.q() == null ? "" : search.q().strip();
        model.put("kind", kind);
        // A NIK or KK is not written back into the page: it stays in the request body only.
        model.put("query", "nama".equals(kind) ? query : "");
        try {
            if ("kk".equals(kind)) {
                model.put(
                        "households",
                        reads.findByKk(caller, tenantId, query).stream()
                                .map(RegistryPages::household)
                                .toList());
            } else {
                boolean byNik = "nik".equals(kind);
                List<RegistryReads.Match> found;
                if (byNik) {
                    found = reads.findMembers(caller, tenantId, query, null);
                } else {
                    Page<RegistryReads.Match> page = reads.findByName(
                            caller, tenantId, query, PageRequest.of(search.setelah(), search.sebelum(), null));
                    found = page.items();
                    model.put("paging", Paging.of(page, "orang", "/ui/tenants/" + tenantId + "/keluarga/cari"));
                }
                model.put("members", found.stream().map(RegistryPages::match).toList());
            }
        } catch (LumbungException e) {
            model.put("error", message(e));
        }
        return new ModelAndView<>("registry", model);
    }

    /** The error in Bahasa Indonesia where we have it (the API's English otherwise). */
    private static String message(LumbungException e) {
        return Messages.of(e);
    }

    @Get("/{id}")
    HttpResponse<?> household(
            @PathVariable String tenantId,
            @PathVariable String id,
            @Nullable @io.micronaut.http.annotation.QueryValue String galat,
            Caller caller) {
        Map<String, Object> model = base(caller, tenantId);
        model.put("error", galat);
        HouseholdDetail detail;
        try {
            detail = reads.detail(caller, tenantId, UUID.fromString(id));
        } catch (IllegalArgumentException | LumbungException e) {
            model.put("error", "Keluarga tidak ditemukan.");
            return HttpResponse.notFound(new ModelAndView<>("registry", model));
        }
        model.put("household", household(detail.household()));
        model.put("iddtks", orDash(detail.iddtks()));
        model.put("kk", orDash(detail.kkMasked()));
        model.put("dusun", orDash(detail.dusun()));
        model.put("rtRw", orDash(detail.rt()) + " / " + orDash(detail.rw()));
        model.put("status", HOUSEHOLD_STATUS.getOrDefault(detail.status(), detail.status()));
        model.put(
                "desilSource",
                detail.desilSource() == null
                        ? "—"
                        : SOURCES.getOrDefault(detail.desilSource(), detail.desilSource())
                                + (detail.desilDate() == null
                                        ? ""
                                        : ", " + detail.desilDate().format(DATE)));
        model.put("criteria", criteria(detail.criteria()));
        model.put(
                "members", detail.members().stream().map(RegistryPages::member).toList());
        model.put(
                "history", detail.history().stream().map(RegistryPages::change).toList());
        model.put("sameKk", detail.sameKk());
        // A family that moved: sent from here (active), or waiting on either side of a transfer.
        boolean moves = authorizer.permits(caller, Permission.HOUSEHOLD_TRANSFER, tenantId);
        model.put(
                "waiting",
                transfers
                        .waitingFor(caller, tenantId, detail.household().id())
                        .map(transfer -> TransferPages.row(tenantId, transfer))
                        .orElse(null));
        model.put("movable", moves && "ACTIVE".equals(detail.status()));
        model.put(
                "destinations",
                moves && "ACTIVE".equals(detail.status())
                        ? allTenants.findAll().stream()
                                .filter(tenant -> !tenant.id().equals(tenantId))
                                .sorted(java.util.Comparator.comparing(Tenant::name))
                                .map(tenant -> Map.of("id", tenant.id(), "name", tenant.name()))
                                .toList()
                        : List.of());
        return HttpResponse.ok(new ModelAndView<>("household", model));
    }

    private static final id.lumbung.core.error.ErrorCode NOT_FOUND =
            id.lumbung.core.error.ErrorCode.HOUSEHOLD_NOT_FOUND;
    private static final id.lumbung.core.error.ErrorCode INVALID = id.lumbung.core.error.ErrorCode.INVALID_HOUSEHOLD;

    /** A family carried over (the head died or moved, a new KK): the household stays, a member heads it. */
    @io.micronaut.http.annotation.Post(value = "/{id}/lanjut", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> carryOver(
            @PathVariable String tenantId,
            @PathVariable String id,
            @Nullable String formerHead,
            @Nullable String leftOn,
            @Nullable String newHeadId,
            @Nullable String newKk,
            Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/keluarga/" + id;
        java.util.UUID household = ProposalPages.uuidOf(id, NOT_FOUND);
        return Redirects.after(
                page,
                () -> carryOver.carry(
                        caller,
                        tenantId,
                        household,
                        new id.lumbung.core.household.CarryOver.Change(
                                formerHead,
                                ProposalPages.optionalDate(leftOn),
                                newHeadId == null || newHeadId.isBlank()
                                        ? null
                                        : ProposalPages.uuidOf(newHeadId, INVALID),
                                newKk)));
    }

    /** The address of a list of one village's rows ({@code path} under the registry page), for its paging links. */
    private static String villageList(String tenantId, String path, String desa) {
        return "/ui/tenants/" + tenantId + "/keluarga" + path + "?desa="
                + java.net.URLEncoder.encode(desa == null ? "" : desa.strip(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A member found, with where the family lives. */
    private static Map<String, Object> match(RegistryReads.Match match) {
        Map<String, Object> row = member(match.member());
        row.put("address", match.address());
        row.put("village", match.villageCode());
        return row;
    }

    private Map<String, Object> base(Caller caller, String tenantId) {
        Tenant tenant = tenants.visibleTo(caller).stream()
                .filter(candidate -> candidate.id().equals(tenantId))
                .findFirst()
                .orElseThrow(() -> LumbungException.tenantNotFound(tenantId));
        Map<String, Object> model = new HashMap<>();
        model.put("tenantId", tenantId);
        model.put("tenantName", tenant.name());
        model.put("username", caller.username());
        model.put("may", PagePermissions.may(authorizer, caller, tenantId));
        model.put(
                "villages",
                regions.villagesOf(tenant.regionCode()).stream()
                        .map(RegistryPages::village)
                        .toList());
        model.put("kind", "nama");
        model.put("query", "");
        return model;
    }

    private static Map<String, Object> village(Region region) {
        return Map.of("code", region.code(), "name", region.name());
    }

    private static Map<String, Object> household(Household household) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", household.id().toString());
        row.put("village", household.villageCode());
        row.put("address", household.address());
        row.put("head", orDash(household.headName()));
        row.put("members", household.memberCount());
        row.put("desil", household.desil() == null ? "—" : household.desil().toString());
        return row;
    }

    private static Map<String, Object> member(Member member) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", member.id().toString());
        row.put("householdId", member.householdId().toString());
        row.put("nik", member.nikMasked() == null ? "belum ada" : member.nikMasked());
        row.put("name", member.fullName());
        row.put(
                "born",
                orDash(member.birthPlace()) + ", "
                        + (member.birthDate() == null ? "—" : member.birthDate().format(DATE)));
        row.put("sex", member.sex() == null ? "—" : member.sex());
        row.put("relationship", Relationship.labelOf(member.relationship()));
        row.put("status", MemberStatus.labelOf(member.status()));
        row.put("alive", "ALIVE".equals(member.status()));
        return row;
    }

    private static List<Map<String, Object>> criteria(Map<String, Object> criteria) {
        return RegistryField.criteria().stream()
                .map(field -> item(field.label(), field.show(criteria.get(field.property()))))
                .toList();
    }

    private static Map<String, Object> item(String label, String value) {
        return Map.of("label", label, "value", orDash(value));
    }

    private static Map<String, Object> change(HouseholdDetail.Change change) {
        return Map.of(
                "when", change.changedAt().toString().replace('T', ' ').substring(0, 16),
                "what",
                        ("HOUSEHOLD".equals(change.entity()) ? "Keluarga" : "Anggota")
                                + ("CREATED".equals(change.kind()) ? " dibuat" : " diubah"),
                "fields", String.join(", ", change.fields()),
                "source", SOURCES.getOrDefault(change.source(), change.source()),
                "by", change.changedBy());
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
