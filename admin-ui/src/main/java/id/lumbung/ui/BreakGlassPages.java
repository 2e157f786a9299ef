package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.BreakGlass;
import id.lumbung.core.access.BreakGlassRow;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
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
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Personal data only with a reason, in Bahasa Indonesia: a province admin opens a read-only access
 * to a regency's personal data for a while, saying why; the regency's DPO, admin and auditor see
 * every access (who, why, until when).
 */
@Controller("/ui/tenants/{tenantId}/akses")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class BreakGlassPages {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern(
                    "d MMM yyyy HH:mm", Locale.forLanguageTag("id-ID"))
            .withZone(ZoneId.of("Asia/Jakarta"));

    private final BreakGlass breakGlass;
    private final Authorizer access;

    BreakGlassPages(BreakGlass breakGlass, Authorizer access) {
        this.breakGlass = breakGlass;
        this.access = access;
    }

    @Get
    @View("break-glass")
    Map<String, Object> page(@PathVariable String tenantId, @Nullable @QueryValue String galat, Caller caller) {
        List<BreakGlassRow> accesses = breakGlass.list(caller, tenantId);
        Instant now = Instant.now();
        Map<String, Object> model = new HashMap<>();
        model.put("username", caller.username());
        model.put("tenantId", tenantId);
        model.put("name", access.visible(caller, tenantId).name());
        model.put("error", galat);
        model.put("mayOpen", access.permits(caller, Permission.BREAK_GLASS_OPEN, tenantId));
        model.put("shortest", BreakGlass.SHORTEST_REASON);
        model.put(
                "accesses",
                accesses.stream()
                        .map(row -> Map.of(
                                "id", row.id().toString(),
                                "username", row.username(),
                                "reason", row.reason(),
                                "opened", WHEN.format(row.openedAt()),
                                "until", WHEN.format(row.closedAt() == null ? row.expiresAt() : row.closedAt()),
                                "state", row.runsAt(now) ? "Berjalan" : row.closedAt() != null ? "Diakhiri" : "Habis",
                                "closable", row.runsAt(now) && row.username().equals(caller.username())))
                        .toList());
        return model;
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> open(
            @PathVariable String tenantId, @Nullable String alasan, @Nullable String menit, Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/akses";
        return Redirects.to(page, () -> {
            breakGlass.open(caller, tenantId, alasan, minutes(menit));
            // The regency's pages are open now: its row on the list links to them.
            return "/ui/tenants#tenant-" + tenantId;
        });
    }

    @Post(uri = "/{id}/akhiri", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> close(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/akses";
        return Redirects.after(page, () -> breakGlass.close(caller, tenantId, uuid(id)));
    }

    private static int minutes(String raw) {
        try {
            return raw == null ? 60 : Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new LumbungException(ErrorCode.BREAK_GLASS_DURATION, "Pilih lamanya akses");
        }
    }

    private static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new LumbungException(ErrorCode.BREAK_GLASS_NOT_FOUND, "Akses tidak ditemukan");
        }
    }
}
