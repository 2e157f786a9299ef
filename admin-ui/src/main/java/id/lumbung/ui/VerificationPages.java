package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.verification.Verification;
import id.lumbung.core.verification.VerificationService;
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
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Verification of a village's members against Dukcapil, in Bahasa Indonesia: start one, follow
 * its progress, and work through the members whose data differs — instead of checking
 * thousands of records by hand.
 */
@Controller("/ui/tenants/{tenantId}/verifikasi")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class VerificationPages {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm").withZone(ZoneId.of("Asia/Jakarta"));
    private static final Map<String, String> FIELDS = Map.of(
            "name", "nama",
            "birth_place", "tempat lahir",
            "birth_date", "tanggal lahir",
            "sex", "jenis kelamin",
            "kk", "nomor KK",
            "address", "alamat",
            "rt", "RT",
            "rw", "RW");
    private static final Map<String, String> RESULTS = Map.of(
            "FOUND", "Ditemukan",
            "DECEASED", "Tercatat meninggal",
            "NOT_FOUND", "Tidak ditemukan di Dukcapil");

    private final VerificationService verifications;
    private final Authorizer authorizer;

    VerificationPages(VerificationService verifications, Authorizer authorizer) {
        this.authorizer = authorizer;
        this.verifications = verifications;
    }

    @Get
    @View("verifications")
    Map<String, Object> page(
            @PathVariable String tenantId,
            @Nullable @QueryValue("batch") String batch,
            @Nullable @QueryValue("galat") String error,
            @Nullable @QueryValue String setelah,
            @Nullable @QueryValue String sebelum,
            Caller caller) {
        id.lumbung.core.paging.Page<Verification> page =
                verifications.page(caller, tenantId, id.lumbung.core.paging.PageRequest.of(setelah, sebelum, 20));
        List<Verification> recent = page.items();
        Map<String, Object> model = new HashMap<>();
        model.put("tenantId", tenantId);
        model.put("username", caller.username());
        model.put("may", PagePermissions.may(authorizer, caller, tenantId));
        model.put("batches", recent.stream().map(VerificationPages::batch).toList());
        model.put("pending", recent.stream().anyMatch(found -> found.done() + found.failed() < found.total()));
        model.put("error", error);
        model.put("paging", Paging.of(page, "verifikasi", "/ui/tenants/" + tenantId + "/verifikasi"));
        model.put("selected", null);
        if (batch != null) {
            UUID id;
            try {
                id = UUID.fromString(batch);
            } catch (IllegalArgumentException e) {
                throw new LumbungException(
                        ErrorCode.VERIFICATION_NOT_FOUND, "Verification " + batch + " was not found");
            }
            Verification selected = verifications.progress(caller, tenantId, id);
            Map<String, Object> shown = batch(selected);
            shown.put(
                    "differences",
                    selected.differences().stream()
                            .map(VerificationPages::difference)
                            .toList());
            model.put("selected", shown);
        }
        return model;
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> start(@PathVariable String tenantId, @Nullable String village, Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/verifikasi";
        return Redirects.to(
                page,
                () -> page + "?batch="
                        + verifications.start(caller, tenantId, village).id());
    }

    private static Map<String, Object> batch(Verification verification) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", verification.id().toString());
        row.put("village", verification.villageCode() == null ? "Seluruh data" : verification.villageCode());
        row.put("total", verification.total());
        row.put("done", verification.done());
        row.put("failed", verification.failed());
        row.put("differing", verification.withDifferences());
        row.put("progressMax", Math.max(verification.total(), 1));
        row.put("createdAt", TIME.format(verification.createdAt()));
        return row;
    }

    private static Map<String, Object> difference(Verification.Difference difference) {
        Map<String, Object> row = new HashMap<>();
        row.put("householdId", difference.householdId().toString());
        row.put("name", difference.fullName());
        row.put("nik", difference.nikMasked());
        row.put("result", RESULTS.getOrDefault(difference.result(), difference.result()));
        row.put(
                "fields",
                difference.fields().stream()
                        .map(field -> FIELDS.getOrDefault(field, field))
                        .collect(Collectors.joining(", ")));
        row.put("score", difference.nameScore() == null ? "—" : String.valueOf(difference.nameScore()));
        return row;
    }
}
