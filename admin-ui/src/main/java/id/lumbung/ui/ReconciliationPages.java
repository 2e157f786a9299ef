package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.identity.ListReconciliation;
import id.lumbung.core.identity.ListReconciliations;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.registry.ImportIssue;
import id.lumbung.core.upload.Uploads;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Another list beside the registry, in Bahasa Indonesia: upload it (P3KE, a DTSEN extract),
 * then read who is in both (and whose desil differs), only in the registry, only in the list, or
 * to be looked at — and the rows of the file that could not be read, by line.
 */
@Controller("/ui/tenants/{tenantId}/cocokkan")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReconciliationPages {
    /** The tabs: their word in the address, their label, and the filter each asks. */
    private record Tab(String label, String outcome, boolean desilConflict) {}

    private static final Map<String, Tab> TABS = tabs();

    private static Map<String, Tab> tabs() {
        Map<String, Tab> tabs = new LinkedHashMap<>();
        tabs.put("keduanya", new Tab("Ada di keduanya", "BOTH", false));
        tabs.put("desil", new Tab("Desil berbeda", "BOTH", true));
        tabs.put("dtks", new Tab("Hanya di DTKS", "ONLY_HERE", false));
        tabs.put("daftar", new Tab("Hanya di daftar lain", "ONLY_THERE", false));
        tabs.put("periksa", new Tab("Perlu diperiksa", "REVIEW", false));
        return tabs;
    }

    private final ListReconciliations reconciliations;
    private final Uploads uploads;
    private final Authorizer authorizer;

    ReconciliationPages(ListReconciliations reconciliations, Uploads uploads, Authorizer authorizer) {
        this.reconciliations = reconciliations;
        this.uploads = uploads;
        this.authorizer = authorizer;
    }

    @Get
    @View("reconciliations")
    Map<String, Object> page(
            @PathVariable String tenantId,
            @Nullable @QueryValue String id,
            @Nullable @QueryValue String tab,
            @Nullable @QueryValue("galat") String error,
            @Nullable @QueryValue String setelah,
            @Nullable @QueryValue String sebelum,
            Caller caller) {
        String base = "/ui/tenants/" + tenantId + "/cocokkan";
        Map<String, Object> model =
                PagePermissions.model(caller, tenantId, PagePermissions.may(authorizer, caller, tenantId), error);
        model.put("selected", null);
        if (id == null) {
            Page<ListReconciliation> page =
                    reconciliations.page(caller, tenantId, PageRequest.of(setelah, sebelum, 20));
            model.put(
                    "runs", page.items().stream().map(ReconciliationPages::run).toList());
            model.put("pending", page.items().stream().anyMatch(run -> "RUNNING".equals(run.status())));
            model.put("paging", Paging.of(page, "pencocokan", base));
            return model;
        }
        UUID reconciliation = id(id);
        String shownTab = tab != null && TABS.containsKey(tab) ? tab : "keduanya";
        Tab filter = TABS.get(shownTab);
        ListReconciliation selected = reconciliations.find(caller, tenantId, reconciliation);
        Page<ListReconciliation.Item> items = reconciliations.items(
                caller,
                tenantId,
                reconciliation,
                filter.outcome(),
                filter.desilConflict(),
                PageRequest.of(setelah, sebelum, 50));
        Map<String, Object> shown = run(selected);
        shown.put(
                "items",
                items.items().stream().map(item -> item(tenantId, item)).toList());
        shown.put("tab", shownTab);
        shown.put(
                "tabs",
                TABS.entrySet().stream()
                        .map(entry -> Map.of(
                                "key", entry.getKey(),
                                "label", entry.getValue().label(),
                                "href", base + "?id=" + reconciliation + "&tab=" + entry.getKey()))
                        .toList());
        shown.put(
                "issues",
                selected.issues().stream()
                        .map(issue -> Map.of(
                                "line",
                                issue.line(),
                                "column",
                                issue.column() == null ? "—" : issue.column(),
                                "code",
                                issue.code(),
                                "message",
                                ImportIssue.indonesian(issue.code(), issue.message())))
                        .toList());
        model.put("selected", shown);
        model.put("runs", List.of());
        model.put("pending", "RUNNING".equals(selected.status()));
        model.put("paging", Paging.of(items, "orang", base + "?id=" + reconciliation + "&tab=" + shownTab));
        return model;
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<?> upload(
            @PathVariable String tenantId, CompletedFileUpload file, @Nullable String nama, Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/cocokkan";
        return Redirects.to(page, () -> {
            ListReconciliation started = UploadedFiles.read(
                    file,
                    content -> uploads.withCopy(
                            content, copy -> reconciliations.start(caller, tenantId, nama, file.getFilename(), copy)));
            return page + "?id=" + started.id();
        });
    }

    private static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new LumbungException(ErrorCode.RECONCILIATION_NOT_FOUND, "Comparison " + text + " was not found");
        }
    }

    private static Map<String, Object> run(ListReconciliation run) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", run.id().toString());
        row.put("name", run.name());
        row.put("fileName", run.fileName() == null ? "—" : run.fileName());
        row.put("status", DuplicatePages.STATUSES.getOrDefault(run.status(), run.status()));
        row.put("stage", DuplicatePages.STAGES.getOrDefault(run.stage(), run.stage()));
        row.put("rows", run.rows());
        row.put("rejected", run.rejected());
        row.put("theirs", run.theirRecords());
        row.put("ours", run.ourRecords());
        row.put("both", run.both());
        row.put("onlyHere", run.onlyHere());
        row.put("onlyThere", run.onlyThere());
        row.put("review", run.review());
        row.put("desil", run.desilConflicts());
        row.put("error", run.error());
        row.put("by", run.requestedBy());
        row.put("createdAt", VerificationPages.TIME.format(run.createdAt()));
        return row;
    }

    private static Map<String, Object> item(String tenantId, ListReconciliation.Item item) {
        Map<String, Object> row = new HashMap<>();
        row.put("line", item.line() == null ? "—" : item.line().toString());
        row.put("theirName", item.theirName() == null ? "—" : item.theirName());
        row.put("theirNik", item.theirNikMasked() == null ? "—" : item.theirNikMasked());
        row.put(
                "theirBorn",
                item.theirBirthDate() == null ? "—" : item.theirBirthDate().toString());
        row.put(
                "theirDesil",
                item.theirDesil() == null ? "—" : item.theirDesil().toString());
        row.put("ourName", item.ourName() == null ? "—" : item.ourName());
        row.put("ourNik", item.ourNikMasked() == null ? "—" : item.ourNikMasked());
        row.put("ourDesil", item.ourDesil() == null ? "—" : item.ourDesil().toString());
        row.put("conflict", item.desilConflict());
        row.put(
                "probability",
                item.probability() == null
                        ? "—"
                        : String.format(java.util.Locale.ROOT, "%.0f%%", item.probability() * 100));
        row.put(
                "why",
                item.reasons().stream()
                        .map(reason -> reason.field() + ": " + reason.level())
                        .toList());
        row.put(
                "householdUrl",
                item.householdId() == null ? null : "/ui/tenants/" + tenantId + "/keluarga/" + item.householdId());
        return row;
    }
}
