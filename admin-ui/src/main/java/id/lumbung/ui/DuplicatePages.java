package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.identity.DuplicateRun;
import id.lumbung.core.identity.DuplicateRuns;
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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The same person listed twice, in Bahasa Indonesia: start a search, read each person found with
 * why (field by field), and keep, merge or separate — each decision undoable.
 */
@Controller("/ui/tenants/{tenantId}/ganda")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class DuplicatePages {
    static final Map<String, String> STAGES = Map.of(
            "reading", "membaca data",
            "blocking", "memilih pasangan",
            "comparing", "membandingkan",
            "estimating", "menghitung bobot",
            "clustering", "mengelompokkan",
            "saving", "menyimpan",
            "done", "selesai");
    static final Map<String, String> STATUSES = Map.of("RUNNING", "Berjalan", "DONE", "Selesai", "FAILED", "Gagal");
    private static final Map<String, String> STATES = Map.of(
            "OPEN", "Belum diputuskan",
            "KEPT", "Orang yang sama, data dibiarkan",
            "MERGED", "Digabung",
            "NOT_SAME", "Bukan orang yang sama");
    private static final Map<String, String> DECISIONS =
            Map.of("pertahankan", "KEEP", "gabung", "MERGE", "bukan", "NOT_SAME");

    private final DuplicateRuns runs;
    private final id.lumbung.core.identity.CrossDuplicateRuns crossRuns;
    private final Authorizer authorizer;

    DuplicatePages(DuplicateRuns runs, id.lumbung.core.identity.CrossDuplicateRuns crossRuns, Authorizer authorizer) {
        this.runs = runs;
        this.crossRuns = crossRuns;
        this.authorizer = authorizer;
    }

    @Get
    @View("duplicates")
    Map<String, Object> page(
            @PathVariable String tenantId,
            @Nullable @QueryValue("run") String run,
            @Nullable @QueryValue String jenis,
            @Nullable @QueryValue("galat") String error,
            @Nullable @QueryValue String setelah,
            @Nullable @QueryValue String sebelum,
            Caller caller) {
        String base = "/ui/tenants/" + tenantId + "/ganda";
        Map<String, Object> model =
                PagePermissions.model(caller, tenantId, PagePermissions.may(authorizer, caller, tenantId), error);
        model.put("selected", null);
        if (run == null) {
            Page<DuplicateRun> page = runs.page(caller, tenantId, PageRequest.of(setelah, sebelum, 20));
            model.put("runs", page.items().stream().map(DuplicatePages::run).toList());
            model.put("pending", page.items().stream().anyMatch(found -> "RUNNING".equals(found.status())));
            model.put("paging", Paging.of(page, "pencarian", base));
            Page<DuplicateRun.Cluster> across = across(caller, tenantId);
            model.put(
                    "across",
                    across.items().stream().map(c -> cluster(tenantId, c)).toList());
            model.put("acrossMore", across.total() > across.items().size());
            model.put("acrossTotal", across.total());
            return model;
        }
        UUID id = id(run);
        String tab = "periksa".equals(jenis) ? "periksa" : "pasti";
        DuplicateRun selected = runs.find(caller, tenantId, id);
        Page<DuplicateRun.Cluster> clusters = runs.clusters(
                caller,
                tenantId,
                id,
                null,
                "pasti".equals(tab) ? "MATCH" : "REVIEW",
                PageRequest.of(setelah, sebelum, 25));
        Map<String, Object> shown = run(selected);
        shown.put(
                "clusters",
                clusters.items().stream().map(c -> cluster(tenantId, c)).toList());
        shown.put("tab", tab);
        model.put("selected", shown);
        model.put("runs", List.of());
        model.put("pending", "RUNNING".equals(selected.status()));
        model.put("paging", Paging.of(clusters, "data ganda", base + "?run=" + id + "&jenis=" + tab));
        return model;
    }

    /** What the provinces decided about the regency's people: one person, also registered elsewhere. */
    private Page<DuplicateRun.Cluster> across(Caller caller, String tenantId) {
        return crossRuns.aboutRegency(caller, tenantId, "SAME", PageRequest.of(null, null, 50));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> start(@PathVariable String tenantId, Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/ganda";
        return Redirects.to(
                page, () -> page + "?run=" + runs.start(caller, tenantId).id());
    }

    @Post(uri = "/{run}/{cluster}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decide(
            @PathVariable String tenantId,
            @PathVariable String run,
            @PathVariable String cluster,
            @Nullable String keputusan,
            @Nullable String pertahankan,
            @Nullable String jenis,
            @Nullable String keadaan,
            Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/ganda?run=" + run + "&jenis="
                + ("periksa".equals(jenis) ? "periksa" : "pasti");
        return Redirects.after(page, () -> {
            UUID runId = id(run);
            UUID clusterId = id(cluster);
            if ("batal".equals(keputusan)) {
                runs.undo(caller, tenantId, runId, clusterId, keadaan);
                return;
            }
            String decision = keputusan == null ? null : DECISIONS.get(keputusan.toLowerCase(Locale.ROOT));
            if (decision == null) {
                throw new LumbungException(ErrorCode.BAD_REQUEST, "Pilih keputusan: pertahankan, gabung atau bukan");
            }
            runs.decide(
                    caller,
                    tenantId,
                    runId,
                    clusterId,
                    DuplicateRuns.Decision.valueOf(decision),
                    pertahankan == null || pertahankan.isBlank() ? null : id(pertahankan));
        });
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new LumbungException(ErrorCode.DUPLICATE_RUN_NOT_FOUND, "Duplicate run " + text + " was not found");
        }
    }

    private static Map<String, Object> run(DuplicateRun run) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", run.id().toString());
        row.put("status", STATUSES.getOrDefault(run.status(), run.status()));
        row.put("stage", STAGES.getOrDefault(run.stage(), run.stage()));
        row.put("records", run.records());
        row.put("compared", run.compared());
        row.put("found", run.clusters());
        row.put("review", run.review());
        row.put("open", run.open());
        row.put("decided", run.kept() + run.merged() + run.notSame());
        row.put("merged", run.merged());
        row.put("error", run.error());
        row.put("by", run.requestedBy());
        row.put("createdAt", VerificationPages.TIME.format(run.createdAt()));
        return row;
    }

    /**
     * A cluster as the pages show it. A member of another regency carries its regency's name; one
     * whose regency's households the reader may not read shows its village alone.
     */
    static Map<String, Object> cluster(String tenantId, DuplicateRun.Cluster cluster) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", cluster.id().toString());
        row.put("probability", String.format(Locale.ROOT, "%.0f%%", cluster.probability() * 100));
        row.put("open", "OPEN".equals(cluster.state()));
        row.put("stateCode", cluster.state());
        row.put("state", STATES.getOrDefault(cluster.state(), cluster.state()));
        row.put("decidedBy", cluster.decidedBy());
        row.put(
                "members",
                cluster.members().stream()
                        .map(member -> {
                            Map<String, Object> m = new HashMap<>();
                            m.put("id", member.id().toString());
                            m.put("name", member.fullName() == null ? "(data kabupaten/kota lain)" : member.fullName());
                            m.put("regency", member.regency());
                            m.put("nik", member.nikMasked() == null ? "—" : member.nikMasked());
                            m.put(
                                    "born",
                                    member.birthDate() == null
                                            ? "—"
                                            : member.birthDate().toString());
                            m.put("sex", member.sex() == null ? "—" : member.sex());
                            m.put("village", member.villageCode());
                            m.put("kept", member.id().equals(cluster.keptMember()));
                            m.put("merged", member.duplicateOf() != null);
                            m.put(
                                    "householdUrl",
                                    member.householdId() == null
                                            ? null
                                            : "/ui/tenants/"
                                                    + (member.tenantId() == null ? tenantId : member.tenantId())
                                                    + "/keluarga/" + member.householdId());
                            return m;
                        })
                        .toList());
        row.put(
                "reasons",
                cluster.reasons().stream()
                        .map(reason -> Map.of(
                                "field", reason.field(),
                                "level", reason.level(),
                                "weight", String.format(Locale.ROOT, "%+.1f", reason.weight()),
                                "says", reason.weight() > 0.5 ? "sama" : reason.weight() < -0.5 ? "beda" : "netral"))
                        .toList());
        return row;
    }
}
