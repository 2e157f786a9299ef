package id.lumbung.ui;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.workflow.ApprovalDocumentNames;
import id.lumbung.core.workflow.EvidenceFiles;
import id.lumbung.core.workflow.FieldVisit;
import id.lumbung.core.workflow.FieldVisitService;
import id.lumbung.core.workflow.Proposal;
import id.lumbung.core.workflow.ProposalCommand;
import id.lumbung.core.workflow.ProposalService;
import id.lumbung.core.workflow.ProposalState;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Proposals (usulan) in Bahasa Indonesia: the village operator records its meetings and
 * proposals and follows them; the verifier works through the submitted ones (the checks, the
 * field visit, verify or reject); the head of office sees where proposals wait and for how long.
 */
@Controller("/ui/tenants/{tenantId}/usulan")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ProposalPages {
    private final ProposalService proposals;
    private final FieldVisitService visits;
    private final Authorizer authorizer;

    ProposalPages(ProposalService proposals, FieldVisitService visits, Authorizer authorizer) {
        this.proposals = proposals;
        this.visits = visits;
        this.authorizer = authorizer;
    }

    @Get
    @View("proposals")
    Map<String, Object> list(
            @PathVariable String tenantId,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String desa,
            @Nullable @QueryValue String setelah,
            @Nullable @QueryValue String sebelum,
            @Nullable @QueryValue String galat,
            Caller caller) {
        ProposalState state = state(status);
        Page<Proposal> page = proposals.page(caller, tenantId, state, desa, PageRequest.of(setelah, sebelum, 50));
        Map<String, Object> model =
                PagePermissions.model(caller, tenantId, PagePermissions.may(authorizer, caller, tenantId), galat);
        model.put("status", state == null ? "" : state.name());
        model.put("desa", desa == null ? "" : desa);
        model.put(
                "states",
                List.of(ProposalState.values()).stream()
                        .map(one -> Map.of("value", one.name(), "label", one.label()))
                        .toList());
        model.put("rows", page.items().stream().map(ProposalPages::row).toList());
        model.put(
                "waiting",
                proposals.waiting(caller, tenantId).stream()
                        .map(waiting -> Map.of(
                                "state", waiting.state().label(),
                                "value", waiting.state().name(),
                                "count", String.valueOf(waiting.proposals()),
                                "oldest", since(waiting.oldestSince())))
                        .toList());
        model.put(
                "meetings",
                proposals.meetings(caller, tenantId).stream()
                        .limit(20)
                        .map(meeting -> Map.of(
                                "id",
                                meeting.id().toString(),
                                "label",
                                meeting.villageCode() + " · " + meeting.heldOn() + " · " + meeting.place()))
                        .toList());
        String base = "/ui/tenants/" + tenantId + "/usulan?status=" + (state == null ? "" : state.name()) + "&desa="
                + (desa == null ? "" : java.net.URLEncoder.encode(desa, java.nio.charset.StandardCharsets.UTF_8));
        model.put("paging", Paging.of(page, "usulan", base));
        model.put("today", LocalDate.now(java.time.ZoneId.of("Asia/Jakarta")).toString());
        return model;
    }

    @Post(value = "/musyawarah", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<?> meeting(
            @PathVariable String tenantId,
            @Nullable String village,
            @Nullable String heldOn,
            @Nullable String place,
            @Nullable String attendees,
            CompletedFileUpload file,
            Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/usulan";
        return Redirects.after(
                page,
                () -> UploadedFiles.read(
                        file,
                        content -> proposals.recordMeeting(
                                caller,
                                tenantId,
                                village,
                                date(heldOn),
                                place,
                                number(attendees, "jumlah peserta"),
                                content)));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(
            @PathVariable String tenantId,
            @Nullable String kind,
            @Nullable String reason,
            @Nullable String village,
            @Nullable String householdId,
            @Nullable String musyawarahId,
            @Nullable String headName,
            @Nullable String address,
            @Nullable String nik,
            @Nullable String kk,
            @Nullable String note,
            Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/usulan";
        return Redirects.to(
                page,
                () -> page + "/"
                        + proposals
                                .create(
                                        caller,
                                        tenantId,
                                        new ProposalService.Draft(
                                                kind(kind),
                                                reason,
                                                village,
                                                optionalUuid(householdId),
                                                optionalUuid(musyawarahId),
                                                headName,
                                                address,
                                                nik,
                                                kk,
                                                note))
                                .id());
    }

    @Get("/{id}")
    @View("proposal")
    Map<String, Object> detail(
            @PathVariable String tenantId, @PathVariable String id, @Nullable @QueryValue String galat, Caller caller) {
        Proposal proposal = proposals.get(caller, tenantId, uuid(id));
        Map<String, Boolean> may = PagePermissions.may(authorizer, caller, tenantId);
        Map<String, Object> model = PagePermissions.model(caller, tenantId, may, galat);
        model.put("p", row(proposal));
        model.put(
                "checks",
                proposal.checks().stream()
                        .map(check -> Map.of(
                                "code", ApprovalDocumentNames.check(check.code()),
                                "outcome", OUTCOMES.getOrDefault(check.outcome(), check.outcome()),
                                "css", check.outcome().toLowerCase(Locale.ROOT),
                                "message", check.message()))
                        .toList());
        model.put(
                "history",
                proposal.history().stream()
                        .map(event -> Map.of(
                                "command", ApprovalDocumentNames.command(event.command()),
                                "to", event.to().label(),
                                "actor",
                                        event.actor()
                                                + (event.onBehalfOf() == null
                                                        ? ""
                                                        : " atas nama " + event.onBehalfOf()),
                                "at", VerificationPages.TIME.format(event.at()),
                                "waited", duration(event.waitedMs()),
                                "note", event.note() == null ? "" : event.note()))
                        .toList());
        List<FieldVisit> seen = visits.visits(caller, tenantId, proposal.id());
        model.put(
                "visits",
                seen.stream()
                        .map(visit -> Map.of(
                                "by", visit.visitedBy(),
                                "at", VerificationPages.TIME.format(visit.visitedAt()),
                                "score", String.valueOf(visit.score()),
                                "desil", String.valueOf(visit.desil()),
                                "version", visit.weightsVersion(),
                                "gps", visit.latitude() == null ? "—" : visit.latitude() + ", " + visit.longitude(),
                                "members", String.valueOf(visit.membersPresent())))
                        .toList());
        boolean own = proposal.createdBy().equals(caller.username());
        Map<String, Boolean> steps = new HashMap<>();
        for (ProposalCommand command : List.of(
                ProposalCommand.SUBMIT,
                ProposalCommand.WITHDRAW,
                ProposalCommand.TAKE,
                ProposalCommand.SEND_TO_FIELD,
                ProposalCommand.VERIFY,
                ProposalCommand.REJECT)) {
            boolean checking = command.permission() == Permission.PROPOSAL_CHECK;
            steps.put(
                    command.name(),
                    command.startsFrom(proposal.state())
                            && Boolean.TRUE.equals(may.get(command.permission().name()))
                            && !(checking && own));
        }
        model.put("steps", steps);
        model.put("evidenceForm", proposal.state() == ProposalState.DRAFT && may.get("PROPOSAL_WRITE"));
        return model;
    }

    @Post(value = "/{id}/langkah", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> step(
            @PathVariable String tenantId,
            @PathVariable String id,
            @Nullable String command,
            @Nullable String version,
            @Nullable String note,
            @Nullable String assignee,
            Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/usulan/" + id;
        return Redirects.after(
                page,
                () -> proposals.act(
                        caller, tenantId, uuid(id), command(command), number(version, "versi"), note, assignee));
    }

    @Post(value = "/{id}/bukti", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<?> evidence(
            @PathVariable String tenantId,
            @PathVariable String id,
            @Nullable String version,
            CompletedFileUpload file,
            Caller caller) {
        String page = "/ui/tenants/" + tenantId + "/usulan/" + id;
        return Redirects.after(
                page,
                () -> UploadedFiles.read(
                        file,
                        content -> proposals.attachEvidence(
                                caller, tenantId, uuid(id), number(version, "versi"), content)));
    }

    @Get(
            value = "/{id}/berkas/{which}",
            produces = {"application/pdf", "image/jpeg", "image/png"})
    HttpResponse<byte[]> file(
            @PathVariable String tenantId, @PathVariable String id, @PathVariable String which, Caller caller) {
        EvidenceFiles.Content content = proposals.file(caller, tenantId, uuid(id), "notulen".equals(which));
        return HttpResponse.ok(content.bytes())
                .contentType(content.contentType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline");
    }

    static final Map<String, String> OUTCOMES =
            Map.of("OK", "Sesuai", "WARNING", "Perhatian", "FAILED", "Tidak sesuai", "PENDING", "Menunggu jawaban");

    private static Map<String, Object> row(Proposal proposal) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", proposal.id().toString());
        row.put("receipt", proposal.receipt());
        row.put("village", proposal.villageCode());
        row.put("kind", ApprovalDocumentNames.kind(proposal.kind().name()));
        row.put("reason", ApprovalDocumentNames.reason(proposal.reason()));
        row.put("headName", proposal.headName());
        row.put("address", proposal.address());
        row.put("nik", proposal.nikMasked() == null ? "—" : proposal.nikMasked());
        row.put("kk", proposal.kkMasked() == null ? "—" : proposal.kkMasked());
        row.put("state", proposal.state().label());
        row.put("stateCode", proposal.state().name());
        row.put("since", since(proposal.stateSince()));
        row.put("version", proposal.version());
        row.put("note", proposal.note() == null ? "" : proposal.note());
        row.put("createdBy", proposal.createdBy());
        row.put("assignedTo", proposal.assignedTo() == null ? "—" : proposal.assignedTo());
        row.put(
                "desil",
                proposal.desilEstimate() == null
                        ? "—"
                        : proposal.desilEstimate().toString());
        row.put("hasEvidence", proposal.evidenceSha256() != null);
        row.put("hasMinutes", proposal.musyawarahId() != null);
        row.put(
                "householdId",
                proposal.householdId() == null ? "" : proposal.householdId().toString());
        return row;
    }

    /** How long ago, as a person says it: "3 hari", "5 jam", "12 menit". */
    static String since(Instant instant) {
        return duration(Math.max(0, Duration.between(instant, Instant.now()).toMillis()));
    }

    static String duration(long millis) {
        Duration duration = Duration.ofMillis(millis);
        if (duration.toDays() > 0) {
            return duration.toDays() + " hari";
        }
        if (duration.toHours() > 0) {
            return duration.toHours() + " jam";
        }
        return duration.toMinutes() + " menit";
    }

    private static ProposalState state(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return ProposalState.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LumbungException(ErrorCode.INVALID_PROPOSAL, "Status " + raw + " tidak dikenal");
        }
    }

    private static Proposal.Kind kind(String raw) {
        try {
            return raw == null || raw.isBlank()
                    ? null
                    : Proposal.Kind.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LumbungException(ErrorCode.INVALID_PROPOSAL, "kind is ADD, CHANGE or REMOVE");
        }
    }

    private static ProposalCommand command(String raw) {
        try {
            return raw == null ? null : ProposalCommand.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LumbungException(ErrorCode.INVALID_PROPOSAL, "Unknown step " + raw);
        }
    }

    static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new LumbungException(ErrorCode.PROPOSAL_NOT_FOUND, "Proposal " + raw + " was not found");
        }
    }

    /** An id typed or posted: anything else answers as the code says (not found, or invalid). */
    static UUID uuidOf(String raw, ErrorCode code) {
        try {
            return UUID.fromString(raw == null ? "" : raw.strip());
        } catch (IllegalArgumentException e) {
            throw new LumbungException(code, raw + " is not an id");
        }
    }

    private static UUID optionalUuid(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new LumbungException(ErrorCode.INVALID_PROPOSAL, raw + " is not an id");
        }
    }

    static int number(String raw, String name) {
        try {
            return Integer.parseInt(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            throw new LumbungException(ErrorCode.INVALID_PROPOSAL, name + " is a whole number");
        }
    }

    /** A date a form gave, or none when the field was left empty. */
    static LocalDate optionalDate(String raw) {
        return raw == null || raw.isBlank() ? null : date(raw);
    }

    private static LocalDate date(String raw) {
        try {
            return LocalDate.parse(raw == null ? "" : raw.strip());
        } catch (DateTimeParseException e) {
            throw new LumbungException(ErrorCode.INVALID_PROPOSAL, "The date reads yyyy-mm-dd");
        }
    }
}
