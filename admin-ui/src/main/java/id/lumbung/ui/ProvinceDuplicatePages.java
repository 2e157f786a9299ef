package id.lumbung.ui;

import id.lumbung.core.access.Caller;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.identity.CrossDuplicateRun;
import id.lumbung.core.identity.CrossDuplicateRuns;
import id.lumbung.core.identity.DuplicateRun;
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

/**
 * The same person registered in two regencies, for a province admin, in Bahasa Indonesia: start
 * a search of the province (or nationally), read each person found with why, and say whether it
 * is one person or two — each decision undoable.
 */
@Controller("/ui/provinsi/{provinceId}/ganda")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ProvinceDuplicatePages {
    private static final Map<String, String> STATES = Map.of(
            "OPEN", "Belum diputuskan",
            "SAME", "Orang yang sama, tercatat di dua kabupaten/kota",
            "NOT_SAME", "Bukan orang yang sama");
    private static final Map<String, String> SCOPES =
            Map.of("PROVINCE", "Antarkabupaten/kota di provinsi", "NATIONAL", "Nasional");

    private final CrossDuplicateRuns runs;

    ProvinceDuplicatePages(CrossDuplicateRuns runs) {
        this.runs = runs;
    }

    @Get
    @View("duplicates-across")
    Map<String, Object> page(
            @PathVariable String provinceId,
            @Nullable @QueryValue("run") String run,
            @Nullable @QueryValue String jenis,
            @Nullable @QueryValue("galat") String error,
            @Nullable @QueryValue String setelah,
            @Nullable @QueryValue String sebelum,
            Caller caller) {
        String base = "/ui/provinsi/" + provinceId + "/ganda";
        Map<String, Object> model = new HashMap<>();
        model.put("provinceId", provinceId);
        model.put("username", caller.username());
        model.put("error", error);
        model.put("selected", null);
        if (run == null) {
            Page<CrossDuplicateRun> page = runs.page(caller, provinceId, PageRequest.of(setelah, sebelum, 20));
            model.put(
                    "runs",
                    page.items().stream().map(ProvinceDuplicatePages::run).toList());
            model.put("pending", page.items().stream().anyMatch(found -> "RUNNING".equals(found.status())));
            model.put("paging", Paging.of(page, "pencarian", base));
            return model;
        }
        UUID id = id(run);
        String tab = "periksa".equals(jenis) ? "periksa" : "pasti";
        CrossDuplicateRun selected = runs.find(caller, provinceId, id);
        Page<DuplicateRun.Cluster> clusters = runs.clusters(
                caller,
                provinceId,
                id,
                null,
                "pasti".equals(tab) ? "MATCH" : "REVIEW",
                PageRequest.of(setelah, sebelum, 25));
        Map<String, Object> shown = run(selected);
        shown.put(
                "clusters",
                clusters.items().stream()
                        .map(c -> {
                            Map<String, Object> row = DuplicatePages.cluster(null, c);
                            row.put("state", STATES.getOrDefault(c.state(), c.state()));
                            return row;
                        })
                        .toList());
        shown.put("tab", tab);
        model.put("selected", shown);
        model.put("runs", List.of());
        model.put("pending", "RUNNING".equals(selected.status()));
        model.put("paging", Paging.of(clusters, "data ganda", base + "?run=" + id + "&jenis=" + tab));
        return model;
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> start(@PathVariable String provinceId, @Nullable String cakupan, Caller caller) {
        String page = "/ui/provinsi/" + provinceId + "/ganda";
        CrossDuplicateRuns.Scope scope =
                "nasional".equals(cakupan) ? CrossDuplicateRuns.Scope.NATIONAL : CrossDuplicateRuns.Scope.PROVINCE;
        return Redirects.to(
                page,
                () -> page + "?run=" + runs.start(caller, provinceId, scope).id());
    }

    @Post(uri = "/{run}/{cluster}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decide(
            @PathVariable String provinceId,
            @PathVariable String run,
            @PathVariable String cluster,
            @Nullable String keputusan,
            @Nullable String jenis,
            @Nullable String keadaan,
            Caller caller) {
        String page = "/ui/provinsi/" + provinceId + "/ganda?run=" + run + "&jenis="
                + ("periksa".equals(jenis) ? "periksa" : "pasti");
        return Redirects.after(page, () -> {
            UUID runId = id(run);
            UUID clusterId = id(cluster);
            switch (keputusan == null ? "" : keputusan) {
                case "batal" -> runs.undo(caller, provinceId, runId, clusterId, keadaan);
                case "sama" -> runs.decide(caller, provinceId, runId, clusterId, CrossDuplicateRuns.Decision.SAME);
                case "bukan" -> runs.decide(caller, provinceId, runId, clusterId, CrossDuplicateRuns.Decision.NOT_SAME);
                default -> throw new LumbungException(ErrorCode.BAD_REQUEST, "Pilih keputusan: sama atau bukan");
            }
        });
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new LumbungException(ErrorCode.DUPLICATE_RUN_NOT_FOUND, "Duplicate run " + text + " was not found");
        }
    }

    private static Map<String, Object> run(CrossDuplicateRun run) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", run.id().toString());
        row.put("scope", SCOPES.getOrDefault(run.scope(), run.scope()));
        row.put("status", DuplicatePages.STATUSES.getOrDefault(run.status(), run.status()));
        row.put("stage", DuplicatePages.STAGES.getOrDefault(run.stage(), run.stage()));
        row.put("tenants", run.tenants());
        row.put("records", run.records());
        row.put("compared", run.compared());
        row.put("found", run.clusters());
        row.put("review", run.review());
        row.put("open", run.open());
        row.put("decided", run.same() + run.notSame());
        row.put("error", run.error());
        row.put("by", run.requestedBy());
        row.put("createdAt", VerificationPages.TIME.format(run.createdAt()));
        return row;
    }
}
