package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.connector.ConnectorOverview;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantService;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
    /** What the last failure was, in words an operator reads (the agency's own words follow it). */
    private static final Map<String, String> FAILURE = Map.of(
            "TRANSPORT", "Gangguan jaringan atau layanan instansi; dicoba lagi otomatis",
            "CONFIGURATION", "Akun, IP atau institusi ditolak instansi",
            "QUOTA", "Kuota harian habis",
            "OUTSIDE_HOURS", "Di luar jam layanan instansi",
            "BAD_REQUEST", "Instansi menolak permintaan sebagai salah bentuk",
            "REJECTED", "Ditolak untuk pesan ini saja",
            "LATER", "Basis data Lumbung sibuk; dicoba lagi",
            "INTERNAL", "Kesalahan di Lumbung sendiri (bukan instansi)");

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm").withZone(ZoneId.of("Asia/Jakarta"));

    private final ConnectorOverview overview;
    private final ConnectorControl control;
    private final TenantService tenants;

    private final Authorizer authorizer;

    ConnectorPages(ConnectorOverview overview, ConnectorControl control, TenantService tenants, Authorizer authorizer) {
        this.authorizer = authorizer;
        this.overview = overview;
        this.control = control;
        this.tenants = tenants;
    }

    @Get
    @View("connectors")
    Map<String, Object> page(@Nullable @QueryValue("galat") String error, Caller caller) {
        // Who may act on a tenant's connectors sees its dead letters and its resume buttons.
        Set<String> operated = tenants.visibleTo(caller).stream()
                .map(Tenant::id)
                .filter(tenantId -> authorizer.permits(caller, Permission.CONNECTOR_OPERATE, tenantId))
                .collect(Collectors.toSet());
        List<Map<String, Object>> agencies = overview.of(caller).stream()
                .map(agency -> agency(agency, operated))
                .toList();
        List<Map<String, Object>> dead = new ArrayList<>();
        List<String> more = new ArrayList<>();
        for (String tenantId : operated) {
            // The newest waiting ones of each tenant; the page says when there are more.
            var page = control.deadLetters(caller, tenantId, true, PageRequest.first());
            if (page.next() != null) {
                more.add("Dinas Sosial " + tenantId + ": " + page.items().size() + " dari " + page.totalText()
                        + " pesan gagal ditampilkan (yang terbaru); coba lagi yang ini dulu.");
            }
            page.items()
                    .forEach(letter -> dead.add(Map.of(
                            "tenantId", letter.tenantId(),
                            "id", letter.id().toString(),
                            "agency", letter.agency(),
                            "kind", letter.kind(),
                            "attempts", letter.attempts(),
                            "reason", letter.reason(),
                            "failedAt", TIME.format(letter.failedAt()),
                            "mayOperate", true)));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("username", caller.username());
        model.put("agencies", agencies);
        model.put("dead", dead);
        model.put("more", more);
        model.put("error", error);
        return model;
    }

    @Post(value = "/{tenantId}/{agency}/lanjutkan", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> resume(@PathVariable String tenantId, @PathVariable String agency, Caller caller) {
        return act(() -> control.resume(caller, tenantId, agency));
    }

    @Post(value = "/{tenantId}/gagal/{id}/ulang", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> retry(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return act(() -> control.retryDeadLetter(caller, tenantId, UUID.fromString(id)));
    }

    private static HttpResponse<?> act(Runnable action) {
        return Redirects.after("/ui/konektor", action);
    }

    private static Map<String, Object> agency(ConnectorOverview.Agency agency, Set<String> operated) {
        var status = agency.status();
        Map<String, Object> row = new HashMap<>();
        row.put("agency", status.agency());
        row.put("breaker", status.breakerState());
        row.put("breakerText", BREAKER.getOrDefault(status.breakerState(), status.breakerState()));
        row.put("inFlight", status.inFlight());
        row.put("perMinute", agency.answeredLastMinute());
        row.put("rate", (long) status.ratePerSecond());
        row.put(
                "lastError",
                status.lastError() == null
                        ? "—"
                        : FAILURE.getOrDefault(status.lastErrorKind(), "Gangguan") + " (" + status.lastError() + ")");
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
                            tenant.put("mayOperate", operated.contains(queue.tenantId()));
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
