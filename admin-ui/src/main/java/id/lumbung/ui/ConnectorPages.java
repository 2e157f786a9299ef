package id.lumbung.ui;

import id.lumbung.core.access.Caller;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.connector.ConnectorOverview;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The connectors to Dukcapil and the other agencies, in Bahasa Indonesia: state, queues, pauses, dead letters. */
@Controller("/ui/konektor")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectorPages {
    private static final Map<String, String> BREAKER = Map.of(
            "CLOSED", "Normal",
            "OPEN", "Dihentikan sementara (terlalu banyak gangguan)",
            "HALF_OPEN", "Mencoba kembali",
            "FORCED_OPEN", "Dihentikan");
    private static final Map<String, String> PAUSE = Map.of(
            "CONFIGURATION", "Ditolak: periksa akun/IP, lalu lanjutkan",
            "QUOTA", "Kuota harian habis",
            "OUTSIDE_HOURS", "Di luar jam layanan",
            "OPERATOR", "Dihentikan operator");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm").withZone(ZoneId.of("Asia/Jakarta"));

    private final ConnectorOverview overview;
    private final ConnectorControl control;
    private final TenantService tenants;

    ConnectorPages(ConnectorOverview overview, ConnectorControl control, TenantService tenants) {
        this.overview = overview;
        this.control = control;
        this.tenants = tenants;
    }

    @Get
    @View("connectors")
    Map<String, Object> page(
            @Nullable @QueryValue("galat") String error, Authentication authentication, HttpRequest<?> request) {
        Caller caller = Callers.from(authentication, request);
        List<Map<String, Object>> agencies =
                overview.of(caller).stream().map(ConnectorPages::agency).toList();
        List<Map<String, Object>> dead = new ArrayList<>();
        for (Tenant tenant : tenants.visibleTo(caller)) {
            if (!caller.belongsTo(tenant.id())) {
                continue;
            }
            try {
                control.deadLetters(caller, tenant.id()).stream()
                        .filter(letter -> letter.retriedAt() == null)
                        .forEach(letter -> dead.add(Map.of(
                                "tenantId", letter.tenantId(),
                                "id", letter.id().toString(),
                                "agency", letter.agency(),
                                "kind", letter.kind(),
                                "attempts", letter.attempts(),
                                "reason", letter.reason(),
                                "failedAt", TIME.format(letter.failedAt()))));
            } catch (LumbungException e) {
                // a role without access to the tenant's personal data does not see its dead letters
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("username", caller.username());
        model.put("agencies", agencies);
        model.put("dead", dead);
        model.put("error", error);
        return model;
    }

    @Post(value = "/{tenantId}/{agency}/lanjutkan", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> resume(
            @PathVariable String tenantId,
            @PathVariable String agency,
            Authentication authentication,
            HttpRequest<?> request) {
        return act(() -> control.resume(Callers.from(authentication, request), tenantId, agency));
    }

    @Post(value = "/{tenantId}/gagal/{id}/ulang", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> retry(
            @PathVariable String tenantId,
            @PathVariable String id,
            Authentication authentication,
            HttpRequest<?> request) {
        return act(() -> control.retryDeadLetter(Callers.from(authentication, request), tenantId, UUID.fromString(id)));
    }

    private static HttpResponse<?> act(Runnable action) {
        return Redirects.after("/ui/konektor", action);
    }

    private static Map<String, Object> agency(ConnectorOverview.Agency agency) {
        var status = agency.status();
        Map<String, Object> row = new HashMap<>();
        row.put("agency", status.agency());
        row.put("breaker", status.breakerState());
        row.put("breakerText", BREAKER.getOrDefault(status.breakerState(), status.breakerState()));
        row.put("inFlight", status.inFlight());
        row.put("perMinute", agency.answeredLastMinute());
        row.put("rate", (long) status.ratePerSecond());
        row.put("lastError", status.lastError() == null ? "—" : status.lastError());
        row.put(
                "tenants",
                agency.tenants().stream()
                        .map(queue -> {
                            Map<String, Object> tenant = new HashMap<>();
                            tenant.put("tenantId", queue.tenantId());
                            tenant.put("waiting", queue.waiting());
                            tenant.put("dead", queue.deadLetters());
                            tenant.put("perMinute", queue.answeredLastMinute());
                            tenant.put("paused", queue.paused() != null);
                            tenant.put(
                                    "pauseText",
                                    queue.paused() == null
                                            ? ""
                                            : PAUSE.getOrDefault(queue.paused(), queue.paused())
                                                    + (queue.pausedUntil() == null
                                                            ? ""
                                                            : " sampai " + TIME.format(queue.pausedUntil())));
                            tenant.put("pauseMessage", queue.pauseMessage() == null ? "" : queue.pauseMessage());
                            return tenant;
                        })
                        .toList());
        return row;
    }
}
