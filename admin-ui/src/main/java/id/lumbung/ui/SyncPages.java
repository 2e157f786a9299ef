package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.civilsync.CivilSync;
import id.lumbung.core.civilsync.CivilSyncService;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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
import io.micronaut.views.View;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Synchronisation with Dukcapil, in Bahasa Indonesia: start one, see what was corrected by itself
 * and work through what waits for a person, field by field — Kendari's 7,000 records to fix.
 */
@Controller("/ui/tenants/{tenantId}/sinkron")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SyncPages {
    private static final Map<String, String> REASONS = Map.of(
            "nik_disagrees", "NIK tidak cocok dengan tanggal lahir, jenis kelamin atau wilayah",
            "name_oddly_spelt", "Ejaan nama tidak lazim",
            "nik_missing_adult", "Sudah dewasa tetapi belum ber-NIK",
            "head_deceased", "Kepala keluarga meninggal",
            "household_deceased", "Seluruh keluarga meninggal",
            "household_without_head", "Keluarga tanpa kepala keluarga",
            "several_heads", "Lebih dari satu kepala keluarga",
            "household_moved", "Seluruh keluarga pindah");
    private static final Map<String, String> OUTCOMES = Map.ofEntries(
            Map.entry("nik_corrected", "NIK diperbaiki sesuai Dukcapil"),
            Map.entry("name_corrected", "Ejaan nama diperbaiki sesuai Dukcapil"),
            Map.entry("birth_corrected", "Tanggal lahir/jenis kelamin diperbaiki sesuai Dukcapil"),
            Map.entry("in_sync", "Sudah sesuai Dukcapil"),
            Map.entry("copy_dropped", "Baris ganda tidak dimasukkan"),
            Map.entry("not_found", "Tidak ditemukan di Dukcapil"),
            Map.entry("differs", "Berbeda dengan Dukcapil"),
            Map.entry("deceased", "Tercatat meninggal di Dukcapil"),
            Map.entry("needs_ktp", "Perlu perekaman KTP-el"),
            Map.entry("needs_head", "Perlu kepala keluarga"),
            Map.entry("needs_one_head", "Tetapkan satu kepala keluarga"),
            Map.entry("carry_over_proposed", "Usulan kepala keluarga baru dibuat"),
            Map.entry("carry_over_open", "Usulan kepala keluarga baru sudah ada"),
            Map.entry("removal_proposed", "Usulan penghapusan dibuat"),
            Map.entry("removal_open", "Usulan penghapusan sudah ada"),
            Map.entry("needs_removal_or_transfer", "Perlu usulan hapus atau pindah"),
            Map.entry("refused_at_import", "Ditolak saat impor: perbaiki barisnya lalu impor ulang"),
            Map.entry("nik_invalid", "NIK tidak dapat diperiksa"),
            Map.entry("nik_of_another_member", "NIK yang cocok milik anggota lain"),
            Map.entry("member_gone", "Anggota sudah tidak ada"),
            Map.entry("dukcapil_failed", "Dukcapil tidak menjawab"));
    private static final Map<String, String> FIELDS = Map.of(
            "name", "nama",
            "nik", "NIK",
            "birth_date", "tanggal lahir",
            "birth_place", "tempat lahir",
            "sex", "jenis kelamin",
            "kk", "nomor KK",
            "head", "kepala keluarga",
            "status", "status",
            "row", "baris");
    private static final Map<String, String> STATES =
            Map.of("menunggu", "WAITING", "selesai", "RESOLVED", "ditanyakan", "ASKING");

    private final CivilSyncService syncs;
    private final Authorizer authorizer;

    SyncPages(CivilSyncService syncs, Authorizer authorizer) {
        this.syncs = syncs;
        this.authorizer = authorizer;
    }

    @Get
    @View("sync")
    Map<String, Object> page(
            @PathVariable String tenantId,
            @Nullable @QueryValue("run") String run,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue("galat") String error,
            @Nullable @QueryValue String setelah,
            @Nullable @QueryValue String sebelum,
            Caller caller) {
        String base = "/ui/tenants/" + tenantId + "/sinkron";
        Map<String, Object> model =
                PagePermissions.model(caller, tenantId, PagePermissions.may(authorizer, caller, tenantId), error);
        model.put("selected", null);
        model.put("paging", null);
        if (run == null) {
            Page<CivilSync> page = syncs.page(caller, tenantId, PageRequest.of(setelah, sebelum, 20));
            model.put("runs", page.items().stream().map(SyncPages::run).toList());
            model.put("pending", page.items().stream().anyMatch(found -> found.asking() > 0));
            model.put("paging", Paging.of(page, "sinkronisasi", base));
            return model;
        }
        UUID id;
        try {
            id = UUID.fromString(run);
        } catch (IllegalArgumentException e) {
            throw new LumbungException(ErrorCode.CIVIL_SYNC_NOT_FOUND, "Synchronisation " + run + " was not found");
        }
        String state = status == null ? "menunggu" : status;
        if (!STATES.containsKey(state)) {
            state = "menunggu";
        }
        CivilSync selected = syncs.find(caller, tenantId, id);
        Page<CivilSync.Item> items =
                syncs.items(caller, tenantId, id, STATES.get(state), PageRequest.of(setelah, sebelum, 50));
        Map<String, Object> shown = run(selected);
        shown.put(
                "items",
                items.items().stream().map(item -> item(tenantId, item)).toList());
        shown.put("status", state);
        model.put("selected", shown);
        model.put("runs", List.of());
        model.put("pending", selected.asking() > 0);
        model.put("paging", Paging.of(items, "data", base + "?run=" + id + "&status=" + state));
        return model;
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> start(@PathVariable String tenantId, @Nullable String village, Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/sinkron";
        return Redirects.to(
                page,
                () -> page + "?run=" + syncs.start(caller, tenantId, village).id());
    }

    private static Map<String, Object> run(CivilSync run) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", run.id().toString());
        row.put("village", run.villageCode() == null ? "Seluruh data" : run.villageCode());
        row.put("members", run.members());
        row.put("asking", run.asking());
        row.put("resolved", run.resolved());
        row.put("waiting", run.waiting());
        row.put("by", run.requestedBy());
        row.put("createdAt", VerificationPages.TIME.format(run.createdAt()));
        row.put(
                "outcomes",
                run.outcomes().entrySet().stream()
                        .map(entry -> Map.of(
                                "label", OUTCOMES.getOrDefault(entry.getKey(), entry.getKey()),
                                "count", String.valueOf(entry.getValue())))
                        .toList());
        return row;
    }

    private static Map<String, Object> item(String tenantId, CivilSync.Item item) {
        Map<String, Object> row = new HashMap<>();
        row.put("name", item.fullName() == null ? "—" : item.fullName());
        row.put("nik", item.nikMasked() == null ? "—" : item.nikMasked());
        row.put("village", item.villageCode() == null ? "—" : item.villageCode());
        row.put("reason", reason(item));
        row.put(
                "outcome",
                OUTCOMES.getOrDefault(item.outcome(), item.outcome() == null ? "Ditanyakan" : item.outcome()));
        row.put(
                "differences",
                item.differences().stream()
                        .map(d -> FIELDS.getOrDefault(d.field(), d.field()) + ": " + d.here()
                                + (d.dukcapil() == null ? "" : " → Dukcapil: " + d.dukcapil())
                                + (d.suggestion() == null ? "" : " · usul perbaikan: " + d.suggestion()))
                        .collect(Collectors.toList()));
        row.put(
                "householdUrl",
                item.householdId() == null ? null : "/ui/tenants/" + tenantId + "/keluarga/" + item.householdId());
        row.put(
                "proposalUrl",
                item.proposalId() == null ? null : "/ui/tenants/" + tenantId + "/usulan/" + item.proposalId());
        row.put("line", item.importLine());
        return row;
    }

    private static String reason(CivilSync.Item item) {
        if (item.importLine() != null) {
            return "Ditolak di baris " + item.importLine() + " berkas impor";
        }
        return REASONS.getOrDefault(item.reason(), item.reason());
    }
}
