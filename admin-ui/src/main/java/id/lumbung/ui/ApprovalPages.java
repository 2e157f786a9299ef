package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.workflow.ApprovalList;
import id.lumbung.core.workflow.ApprovalService;
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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Approval in Bahasa Indonesia: the verifier gathers the verified proposals into a list; each
 * official of the tenant's chain approves the whole list in one action and downloads its PDF;
 * an official going away delegates; the approved list is sent to the ministry once.
 */
@Controller("/ui/tenants/{tenantId}/persetujuan")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ApprovalPages {
    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    private static final Map<String, String> STATES =
            Map.of("IN_APPROVAL", "Dalam persetujuan", "APPROVED", "Disetujui", "SENT", "Dikirim ke Kemensos");

    private final ApprovalService approvals;
    private final Authorizer authorizer;

    ApprovalPages(ApprovalService approvals, Authorizer authorizer) {
        this.approvals = approvals;
        this.authorizer = authorizer;
    }

    @Get
    @View("approvals")
    Map<String, Object> page(
            @PathVariable String tenantId,
            @Nullable @QueryValue String daftar,
            @Nullable @QueryValue String galat,
            @Nullable @QueryValue String setelah,
            @Nullable @QueryValue String sebelum,
            Caller caller) {
        Page<ApprovalList> page = approvals.page(caller, tenantId, PageRequest.of(setelah, sebelum, 20));
        Map<String, Boolean> may = PagePermissions.may(authorizer, caller, tenantId);
        Map<String, Object> model = PagePermissions.model(caller, tenantId, may, galat);
        model.put("chain", approvals.chain(caller, tenantId));
        model.put("lists", page.items().stream().map(ApprovalPages::row).toList());
        model.put("paging", Paging.of(page, "daftar", "/ui/tenants/" + tenantId + "/persetujuan"));
        model.put("selected", null);
        if (daftar != null) {
            ApprovalList list = approvals.get(caller, tenantId, ProposalPages.uuid(daftar));
            Map<String, Object> shown = row(list);
            shown.put(
                    "decisions",
                    list.decisions().stream()
                            .map(decision -> Map.of(
                                    "label", decision.label(),
                                    "by",
                                            decision.decidedBy()
                                                    + (decision.onBehalfOf() == null
                                                            ? ""
                                                            : " atas nama " + decision.onBehalfOf()),
                                    "at", VerificationPages.TIME.format(decision.decidedAt()),
                                    "waited", ProposalPages.duration(decision.waitedMs())))
                            .toList());
            shown.put("hash", list.listSha256());
            shown.put("waiting", list.nextStep() != null);
            shown.put("version", list.version());
            shown.put("mayDecide", list.nextStep() != null && Boolean.TRUE.equals(may.get("PROPOSAL_APPROVE")));
            shown.put("maySend", "APPROVED".equals(list.state()) && Boolean.TRUE.equals(may.get("MINISTRY_SUBMIT")));
            model.put("selected", shown);
        }
        model.put(
                "delegations",
                Boolean.TRUE.equals(may.get("PROPOSAL_APPROVE"))
                        ? approvals.delegations(caller, tenantId).stream()
                                .map(delegation -> Map.of(
                                        "id",
                                        delegation.id().toString(),
                                        "text",
                                        delegation.fromUser() + " → " + delegation.toUser() + ", "
                                                + VerificationPages.TIME.format(delegation.startsAt()) + " s.d. "
                                                + VerificationPages.TIME.format(delegation.endsAt()) + " ("
                                                + delegation.reason()
                                                + ")" + (delegation.revokedAt() == null ? "" : " — dicabut")))
                                .toList()
                        : List.of());
        return model;
    }

    @Post(value = "/baru", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> open(@PathVariable String tenantId, @Nullable String title, Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/persetujuan";
        return Redirects.to(
                page,
                () -> page + "?daftar="
                        + approvals.open(caller, tenantId, title, null).id());
    }

    @Post(value = "/{id}/setujui", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decide(
            @PathVariable String tenantId,
            @PathVariable String id,
            @Nullable String version,
            @Nullable String listSha256,
            Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/persetujuan?daftar=" + id;
        return Redirects.after(
                page,
                () -> approvals.decide(
                        caller, tenantId, ProposalPages.uuid(id), ProposalPages.number(version, "versi"), listSha256));
    }

    @Post(value = "/{id}/kirim", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> send(
            @PathVariable String tenantId, @PathVariable String id, @Nullable String period, Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/persetujuan?daftar=" + id;
        return Redirects.after(page, () -> approvals.send(caller, tenantId, ProposalPages.uuid(id), period));
    }

    @Get(value = "/{id}/dokumen.pdf", produces = "application/pdf")
    HttpResponse<byte[]> document(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return HttpResponse.ok(approvals.pdf(caller, tenantId, ProposalPages.uuid(id)))
                .contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"persetujuan-" + id + ".pdf\"");
    }

    @Post(value = "/delegasi", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> delegate(
            @PathVariable String tenantId,
            @Nullable String toUser,
            @Nullable String startsAt,
            @Nullable String endsAt,
            @Nullable String reason,
            Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/persetujuan";
        return Redirects.after(
                page, () -> approvals.delegate(caller, tenantId, toUser, local(startsAt), local(endsAt), reason));
    }

    @Post(value = "/delegasi/{id}/cabut", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> revoke(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/persetujuan";
        return Redirects.after(page, () -> approvals.revoke(caller, tenantId, ProposalPages.uuid(id)));
    }

    /** A time as a form's datetime-local gives it, in WIB; nothing readable is no time. */
    private static Instant local(String raw) {
        try {
            return raw == null || raw.isBlank()
                    ? null
                    : LocalDateTime.parse(raw.strip()).atZone(WIB).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, Object> row(ApprovalList list) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", list.id().toString());
        row.put("title", list.title());
        row.put("state", STATES.getOrDefault(list.state(), list.state()));
        row.put("proposals", list.proposals());
        row.put("next", list.nextStep() == null ? "—" : list.nextStep().label());
        row.put("since", ProposalPages.since(list.stepSince()));
        row.put("createdBy", list.createdBy());
        row.put(
                "shortHash",
                list.listSha256().length() >= 12 ? list.listSha256().substring(0, 12) : "");
        return row;
    }
}
