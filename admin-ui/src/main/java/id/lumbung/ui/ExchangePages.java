package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.ministry.MinistryExchange;
import id.lumbung.core.ministry.MinistryListService;
import id.lumbung.core.student.StudentPulls;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files and pulls that replace downloading and uploading by hand, in Bahasa Indonesia: the
 * schools' Dapodik (students, for PIP/KIP checks) and the ministry's SIKS-NG (proposals out,
 * determination lists and returned records in).
 */
@Controller("/ui/tenants/{tenantId}/pertukaran")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ExchangePages {
    private static final Map<String, String> STATUS = Map.of(
            "QUEUED", "Menunggu/diproses",
            "DONE", "Selesai",
            "FAILED", "Gagal (lihat Konektor instansi)");
    private static final Map<String, String> KINDS = Map.of(
            MinistryExchange.SEND, "Kirim usulan",
            MinistryExchange.FETCH, "Ambil berkas Kemensos");

    private final StudentPulls pulls;
    private final MinistryExchange exchanges;
    private final Authorizer authorizer;

    ExchangePages(StudentPulls pulls, MinistryExchange exchanges, Authorizer authorizer) {
        this.authorizer = authorizer;
        this.pulls = pulls;
        this.exchanges = exchanges;
    }

    @Get
    @View("exchanges")
    Map<String, Object> page(
            @PathVariable String tenantId, @Nullable @QueryValue("galat") String error, Caller caller) {
        List<StudentPulls.Pull> recentPulls = pulls.recent(caller, tenantId);
        List<MinistryExchange.Exchange> recentExchanges = exchanges.recent(caller, tenantId);
        Map<String, Object> model = new HashMap<>();
        model.put("tenantId", tenantId);
        model.put("username", caller.username());
        model.put("may", PagePermissions.may(authorizer, caller, tenantId));
        model.put("error", error);
        model.put(
                "schools",
                pulls.schools(caller, tenantId).stream()
                        .map(school -> school.npsn() + (school.name() == null ? "" : " " + school.name()))
                        .toList());
        model.put("pulls", recentPulls.stream().map(ExchangePages::pull).toList());
        model.put(
                "exchanges",
                recentExchanges.stream().map(ExchangePages::exchange).toList());
        model.put(
                "pending",
                recentPulls.stream().anyMatch(pull -> "QUEUED".equals(pull.status()))
                        || recentExchanges.stream().anyMatch(exchange -> "QUEUED".equals(exchange.status())));
        model.put("nextPeriod", LocalDate.now().plusMonths(1).toString().substring(0, 7));
        return model;
    }

    @Post(value = "/dapodik", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> pull(@PathVariable String tenantId, Caller caller) {
        return Redirects.after(page(tenantId), () -> pulls.start(caller, tenantId, List.of()));
    }

    @Post(value = "/kemensos/usulan", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> propose(
            @PathVariable String tenantId, @Nullable String period, @Nullable String changedSince, Caller caller) {
        return Redirects.after(page(tenantId), () -> {
            LocalDate since;
            try {
                since = changedSince == null || changedSince.isBlank() ? null : LocalDate.parse(changedSince);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Tanggal ditulis yyyy-mm-dd");
            }
            exchanges.sendProposals(caller, tenantId, period, since);
        });
    }

    @Post(value = "/kemensos/ambil", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> fetch(@PathVariable String tenantId, Caller caller) {
        return Redirects.after(page(tenantId), () -> exchanges.fetch(caller, tenantId));
    }

    private static String page(String tenantId) {
        return "/ui/tenants/" + tenantId + "/pertukaran";
    }

    /** One file of a fetch, as an operator reads it. */
    static String fileLine(MinistryExchange.FileResult file) {
        String list = file.kind() == MinistryListService.Kind.DETERMINATION ? "penetapan" : "data dikembalikan";
        String head = file.name() + " (" + list + " " + file.period() + "): ";
        return switch (file.status()) {
            case "IMPORTED" ->
                head + file.rows() + " baris, " + file.changed() + " baru/berubah, " + file.rejected()
                        + " ditolak, " + file.unmatched() + " tidak ada di DTKS"
                        + (file.alreadyCorrected() != null && file.alreadyCorrected() > 0
                                ? ", " + file.alreadyCorrected() + " sudah diperbaiki"
                                : "")
                        + (file.removed() != null && file.removed() > 0
                                ? ", " + file.removed() + " dihapus karena tidak lagi tercantum"
                                : "");
            case "REFUSED" -> head + "ditolak seluruhnya — " + file.reason();
            default -> head + "gagal diunduh, dicoba lagi pada pengambilan berikutnya";
        };
    }

    private static Map<String, Object> pull(StudentPulls.Pull pull) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", pull.id().toString());
        row.put("school", pull.npsn() + (pull.schoolName() == null ? "" : " " + pull.schoolName()));
        row.put("status", pull.status());
        row.put("statusText", STATUS.getOrDefault(pull.status(), pull.status()));
        row.put("students", pull.students() == null ? "—" : String.valueOf(pull.students()));
        row.put("changed", pull.changed() == null ? "—" : String.valueOf(pull.changed()));
        row.put("rejected", pull.rejected() == null ? "—" : String.valueOf(pull.rejected()));
        row.put("issues", String.join("\n", pull.issues()));
        row.put("lastError", pull.lastError() == null ? "" : pull.lastError());
        row.put("createdAt", VerificationPages.TIME.format(pull.createdAt()));
        return row;
    }

    private static Map<String, Object> exchange(MinistryExchange.Exchange exchange) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", exchange.id().toString());
        row.put("kind", KINDS.getOrDefault(exchange.kind(), exchange.kind()));
        String receipt = exchange.receipt() == null
                ? ""
                : ", tanda terima " + exchange.receipt() + " (" + exchange.rowsSent() + " baris"
                        + (Boolean.TRUE.equals(exchange.receivedEarlier())
                                ? ", sudah diterima pada percobaan sebelumnya"
                                : "")
                        + ")";
        row.put("subject", exchange.period() == null ? "" : "periode " + exchange.period() + receipt);
        row.put("status", exchange.status());
        row.put("statusText", STATUS.getOrDefault(exchange.status(), exchange.status()));
        List<String> lines = new java.util.ArrayList<>(
                exchange.files().stream().map(ExchangePages::fileLine).toList());
        if (exchange.filesSkipped() != null && exchange.filesSkipped() > 0) {
            lines.add(exchange.filesSkipped() + " berkas sudah pernah dimasukkan: dilewati");
        }
        if (MinistryExchange.FETCH.equals(exchange.kind()) && "DONE".equals(exchange.status()) && lines.isEmpty()) {
            lines.add("Tidak ada berkas dari Kemensos");
        }
        row.put("outcome", lines);
        row.put("lastError", exchange.lastError() == null ? "" : exchange.lastError());
        row.put("createdAt", VerificationPages.TIME.format(exchange.createdAt()));
        return row;
    }
}
