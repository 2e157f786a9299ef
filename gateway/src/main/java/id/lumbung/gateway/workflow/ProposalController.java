package id.lumbung.gateway.workflow;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.workflow.EvidenceFiles;
import id.lumbung.core.workflow.FieldVisit;
import id.lumbung.core.workflow.FieldVisitService;
import id.lumbung.core.workflow.Musyawarah;
import id.lumbung.core.workflow.Proposal;
import id.lumbung.core.workflow.ProposalCommand;
import id.lumbung.core.workflow.ProposalService;
import id.lumbung.core.workflow.ProposalState;
import id.lumbung.core.workflow.VisitQuestion;
import id.lumbung.gateway.PathIds;
import id.lumbung.gateway.edge.PageQuery;
import id.lumbung.ui.UploadedFiles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Proposals (usulan) of the DTKS cycle and the village meetings that agree them: drafted,
 * submitted (automatic checks), checked, verified in the field, then approved in lists
 * ({@code ApprovalController}).
 */
@Controller("/api/v1/tenants/{tenantId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "workflow")
@SecurityRequirement(name = "bearer")
class ProposalController {
    private final ProposalService proposals;
    private final FieldVisitService visits;

    ProposalController(ProposalService proposals, FieldVisitService visits) {
        this.proposals = proposals;
        this.visits = visits;
    }

    @Permits(Permission.PROPOSAL_WRITE)
    @Post(value = "/musyawarah", consumes = MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Record a village meeting (musyawarah desa/kelurahan) with its minutes (berita acara) as the"
                    + " file part: a PDF, JPEG or PNG of at most 5 MB, its type read from its content; 201")
    HttpResponse<Musyawarah> meeting(
            @PathVariable String tenantId,
            @Nullable @QueryValue String villageCode,
            @Nullable @QueryValue String heldOn,
            @Nullable @QueryValue String place,
            @Nullable @QueryValue String attendees,
            CompletedFileUpload file,
            Caller caller) {
        // Every value is read once the upload is open: a refusal then still deletes the server's copy.
        Musyawarah recorded = UploadedFiles.read(
                file,
                content -> proposals.recordMeeting(
                        caller, tenantId, villageCode, date(heldOn), place, number(attendees, "attendees"), content));
        return HttpResponse.created(recorded, URI.create("/api/v1/tenants/" + tenantId + "/musyawarah"));
    }

    @Permits(Permission.PROPOSAL_READ)
    @Get("/musyawarah")
    @Operation(summary = "The village meetings of the villages the caller reaches, latest first")
    List<Musyawarah> meetings(@PathVariable String tenantId, Caller caller) {
        return proposals.meetings(caller, tenantId);
    }

    /**
     * A proposal as a village records it (see {@code ProposalService.Draft}).
     *
     * @param kind ADD, CHANGE or REMOVE
     * @param reason ADD: NEW_HOUSEHOLD; CHANGE: MEMBERS, DATA, NEW_HEAD, NEW_KK; REMOVE: DIED, MOVED, NOT_POOR, DUPLICATE
     */
    @Serdeable
    record DraftBody(
            @Nullable @Size(max = 10) String kind,
            @Nullable @Size(max = 20) String reason,
            @Nullable @Size(max = 13) String villageCode,
            @Nullable UUID householdId,
            @Nullable UUID musyawarahId,
            @Nullable @Size(max = 200) String headName,
            @Nullable @Size(max = 300) String address,
            @Nullable @Size(max = 40) String nik,
            @Nullable @Size(max = 40) String kk,
            @Nullable @Size(max = 2000) String note) {}

    @Permits(Permission.PROPOSAL_WRITE)
    @Post(value = "/proposals", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a proposal as a draft (add, change or remove a household); 201")
    HttpResponse<Proposal> create(@PathVariable String tenantId, @Valid @Body DraftBody body, Caller caller) {
        Proposal created = proposals.create(
                caller,
                tenantId,
                new ProposalService.Draft(
                        kind(body.kind()),
                        body.reason(),
                        body.villageCode(),
                        body.householdId(),
                        body.musyawarahId(),
                        body.headName(),
                        body.address(),
                        body.nik(),
                        body.kk(),
                        body.note()));
        return HttpResponse.created(created, URI.create("/api/v1/tenants/" + tenantId + "/proposals/" + created.id()));
    }

    @Permits(Permission.PROPOSAL_READ)
    @Get("/proposals")
    @Operation(
            summary = "The proposals the caller reaches (its villages, or assigned to it), newest first; state= and"
                    + " village= filter; a page at a time with X-Total-Count and Link headers")
    HttpResponse<List<Proposal>> list(
            @PathVariable String tenantId,
            @Nullable @QueryValue @Size(max = 20) String state,
            @Nullable @QueryValue @Size(max = 13) String village,
            @RequestBean PageQuery page,
            Caller caller) {
        return page.answer(proposals.page(caller, tenantId, state(state), village, page.page()));
    }

    @Permits(Permission.PROPOSAL_READ)
    @Get("/proposals/{id}")
    @Operation(summary = "A proposal with its automatic checks (Dukcapil's answer once it came) and its history")
    Proposal get(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return proposals.get(caller, tenantId, uuid(id));
    }

    /**
     * A step of a proposal.
     *
     * @param command SUBMIT, WITHDRAW, TAKE, SEND_TO_FIELD, VERIFY or REJECT
     * @param version the proposal's version as read (a stale one answers 409 stale_update)
     * @param note why (required to reject)
     * @param assignee the field worker who visits (SEND_TO_FIELD)
     */
    @Serdeable
    record Step(
            @Nullable @Size(max = 20) String command,
            int version,
            @Nullable @Size(max = 2000) String note,
            @Nullable @Size(max = 100) String assignee) {}

    @Permits(
            value = Permission.PROPOSAL_WRITE,
            orElse = {Permission.PROPOSAL_CHECK})
    @Post(value = "/proposals/{id}/steps", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Run a step: SUBMIT (the checks run), WITHDRAW, TAKE, SEND_TO_FIELD, VERIFY, REJECT; 409"
                    + " illegal_transition from a state it does not start from, 409 stale_update on an old version,"
                    + " 409 own_proposal when the maker checks its own")
    Proposal step(@PathVariable String tenantId, @PathVariable String id, @Valid @Body Step body, Caller caller) {
        return proposals.act(
                caller, tenantId, uuid(id), command(body.command()), body.version(), body.note(), body.assignee());
    }

    @Permits(Permission.PROPOSAL_WRITE)
    @Post(value = "/proposals/{id}/evidence", consumes = MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary =
                    "Attach a draft's evidence (a certificate, a letter) as the file part: PDF, JPEG or PNG of at most"
                            + " 5 MB, read by content; version= the draft's version")
    Proposal evidence(
            @PathVariable String tenantId,
            @PathVariable String id,
            @Nullable @QueryValue String version,
            CompletedFileUpload file,
            Caller caller) {
        return UploadedFiles.read(
                file,
                content -> proposals.attachEvidence(caller, tenantId, uuid(id), number(version, "version"), content));
    }

    @Permits(Permission.PROPOSAL_READ)
    @Get(
            value = "/proposals/{id}/files/{which}",
            produces = {"application/pdf", "image/jpeg", "image/png", MediaType.APPLICATION_JSON})
    @Operation(summary = "A proposal's evidence (which=evidence) or its meeting's minutes (which=minutes); audited")
    HttpResponse<byte[]> file(
            @PathVariable String tenantId, @PathVariable String id, @PathVariable String which, Caller caller) {
        if (!"evidence".equals(which) && !"minutes".equals(which)) {
            throw new LumbungException(ErrorCode.PROPOSAL_NOT_FOUND, "No such file: evidence or minutes");
        }
        EvidenceFiles.Content content = proposals.file(caller, tenantId, uuid(id), "minutes".equals(which));
        return HttpResponse.ok(content.bytes())
                .contentType(content.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + which + "-" + id + "\"")
                .header("X-Content-Type-Options", "nosniff");
    }

    /**
     * A field visit as a device sends it (see {@code FieldVisitService.Visit}).
     *
     * @param idempotencyKey made on the device for this visit; the same for every resend
     * @param answers each checklist question's code → its answer (GET /field-checklist)
     */
    @Serdeable
    record VisitBody(
            @Nullable UUID idempotencyKey,
            @Nullable java.time.Instant visitedAt,
            @Nullable @Size(max = 20) java.util.Map<@Size(max = 40) String, @Size(max = 40) String> answers,
            @Nullable Integer membersPresent,
            @Nullable Double latitude,
            @Nullable Double longitude,
            @Nullable @Size(max = 3_500_000) String photoBase64,
            @Nullable @Size(max = 1000) String note) {}

    @Permits(Permission.FIELD_VISIT)
    @Post(value = "/proposals/{id}/visits", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Record a field visit (the checklist, members met, GPS, a photo of the house as base64): 201,"
                    + " or 200 with resent=true when the idempotency key was recorded before (a resend never doubles);"
                    + " the proxy-means score and desil estimate are computed here, with the weights' version")
    HttpResponse<FieldVisit> visit(
            @PathVariable String tenantId, @PathVariable String id, @Valid @Body VisitBody body, Caller caller) {
        FieldVisit recorded = visits.record(
                caller,
                tenantId,
                uuid(id),
                new FieldVisitService.Visit(
                        body.idempotencyKey(),
                        body.visitedAt(),
                        body.answers(),
                        body.membersPresent(),
                        body.latitude(),
                        body.longitude(),
                        body.photoBase64(),
                        body.note()));
        return recorded.resent() ? HttpResponse.ok(recorded) : HttpResponse.created(recorded);
    }

    @Permits(Permission.PROPOSAL_READ)
    @Get("/proposals/{id}/visits")
    @Operation(summary = "A proposal's field visits with their scores, desil estimates and the weights' version")
    List<FieldVisit> visits(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return visits.visits(caller, tenantId, uuid(id));
    }

    @Permits(Permission.FIELD_VISIT)
    @Get("/field-checklist")
    @Operation(summary = "The field verification checklist: each question's code, label and choices")
    List<VisitQuestion.Shown> checklist(@PathVariable String tenantId, Caller caller) {
        return visits.checklist(caller, tenantId);
    }

    static UUID uuid(String id) {
        return PathIds.uuid(id, ErrorCode.PROPOSAL_NOT_FOUND, "Proposal");
    }

    private static int number(String raw, String name) {
        try {
            return Integer.parseInt(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            throw new LumbungException(ErrorCode.INVALID_PROPOSAL, name + " is a whole number");
        }
    }

    private static LocalDate date(String raw) {
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new LumbungException(ErrorCode.INVALID_PROPOSAL, "heldOn reads yyyy-mm-dd");
        }
    }

    private static Proposal.Kind kind(String raw) {
        try {
            return raw == null ? null : Proposal.Kind.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LumbungException(ErrorCode.INVALID_PROPOSAL, "kind is ADD, CHANGE or REMOVE");
        }
    }

    private static ProposalState state(String raw) {
        try {
            return raw == null || raw.isBlank()
                    ? null
                    : ProposalState.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LumbungException(
                    ErrorCode.INVALID_PROPOSAL, "state is one of " + List.of(ProposalState.values()));
        }
    }

    private static ProposalCommand command(String raw) {
        try {
            return raw == null ? null : ProposalCommand.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LumbungException(
                    ErrorCode.INVALID_PROPOSAL, "command is one of " + List.of(ProposalCommand.values()));
        }
    }
}
