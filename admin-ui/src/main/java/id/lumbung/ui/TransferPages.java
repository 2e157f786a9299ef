package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.transfer.Transfer;
import id.lumbung.core.transfer.Transfers;
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
 * Families moving between regencies, in Bahasa Indonesia: those waiting for this regency's
 * verification (accept or refuse, saying why), those it sent (withdraw while they wait), and what
 * was decided; a household's page sends it.
 */
@Controller("/ui/tenants/{tenantId}")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class TransferPages {
    static final Map<String, String> STATES = Map.of(
            "PENDING", "Menunggu verifikasi tujuan",
            "ACCEPTED", "Diterima",
            "REFUSED", "Ditolak tujuan",
            "WITHDRAWN", "Ditarik asal");

    private final Transfers transfers;
    private final Authorizer authorizer;

    TransferPages(Transfers transfers, Authorizer authorizer) {
        this.transfers = transfers;
        this.authorizer = authorizer;
    }

    @Get("/pindahan")
    @View("transfers")
    Map<String, Object> page(
            @PathVariable String tenantId,
            @Nullable @QueryValue("galat") String error,
            @Nullable @QueryValue String setelah,
            @Nullable @QueryValue String sebelum,
            Caller caller) {
        Map<String, Object> model =
                PagePermissions.model(caller, tenantId, PagePermissions.may(authorizer, caller, tenantId), error);
        model.put("name", authorizer.visible(caller, tenantId).name());
        model.put(
                "incoming",
                rows(tenantId, transfers.page(caller, tenantId, "IN", "PENDING", PageRequest.of(null, null, 100))));
        model.put(
                "outgoing",
                rows(tenantId, transfers.page(caller, tenantId, "OUT", "PENDING", PageRequest.of(null, null, 100))));
        Page<Transfer> all = transfers.page(caller, tenantId, "", "", PageRequest.of(setelah, sebelum, 50));
        model.put("history", rows(tenantId, all));
        model.put("paging", Paging.of(all, "pindahan", "/ui/tenants/" + tenantId + "/pindahan"));
        return model;
    }

    @Post(uri = "/keluarga/{id}/pindah", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> start(
            @PathVariable String tenantId,
            @PathVariable String id,
            @Nullable String tujuan,
            @Nullable String desa,
            @Nullable String alamat,
            @Nullable String alasan,
            Caller caller) {
        String household = "/ui/tenants/" + tenantId + "/keluarga/" + id;
        return Redirects.to(household, () -> {
            transfers.start(
                    caller,
                    tenantId,
                    ProposalPages.uuidOf(id, ErrorCode.HOUSEHOLD_NOT_FOUND),
                    new Transfers.Move(tujuan, desa, alamat, alasan));
            return "/ui/tenants/" + tenantId + "/pindahan";
        });
    }

    @Post(uri = "/pindahan/{id}/{keputusan}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decide(
            @PathVariable String tenantId,
            @PathVariable String id,
            @PathVariable String keputusan,
            @Nullable String catatan,
            Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/pindahan";
        return Redirects.after(page, () -> {
            UUID transfer = ProposalPages.uuidOf(id, ErrorCode.TRANSFER_NOT_FOUND);
            switch (keputusan) {
                case "terima" -> transfers.accept(caller, tenantId, transfer, catatan);
                case "tolak" -> transfers.refuse(caller, tenantId, transfer, catatan);
                case "tarik" -> transfers.withdraw(caller, tenantId, transfer, catatan);
                default ->
                    throw new id.lumbung.core.error.LumbungException(
                            ErrorCode.TRANSFER_NOT_FOUND, "Keputusan " + keputusan + " tidak dikenal");
            }
        });
    }

    private static List<Map<String, Object>> rows(String tenantId, Page<Transfer> page) {
        return page.items().stream().map(transfer -> row(tenantId, transfer)).toList();
    }

    /** A transfer as the pages show it: the household on this regency's side links to its page. */
    static Map<String, Object> row(String tenantId, Transfer transfer) {
        Map<String, Object> row = new HashMap<>();
        boolean out = "OUT".equals(transfer.direction());
        UUID household = out ? transfer.originHouseholdId() : transfer.destinationHouseholdId();
        row.put("id", transfer.id().toString());
        row.put("out", out);
        row.put("direction", out ? "Keluar ke " + transfer.destinationName() : "Masuk dari " + transfer.originName());
        row.put("head", transfer.headName());
        row.put("members", transfer.members());
        row.put("village", transfer.destinationVillage());
        row.put("reason", transfer.reason());
        row.put("state", STATES.getOrDefault(transfer.state(), transfer.state()));
        row.put("pending", "PENDING".equals(transfer.state()));
        row.put("by", transfer.requestedBy());
        row.put("at", VerificationPages.TIME.format(transfer.createdAt()));
        row.put(
                "decided",
                transfer.decidedBy() == null
                        ? "—"
                        : transfer.decidedBy()
                                + (transfer.decisionNote() == null ? "" : ": " + transfer.decisionNote()));
        row.put("householdUrl", "/ui/tenants/" + tenantId + "/keluarga/" + household);
        return row;
    }
}
