package id.lumbung.gateway.workflow;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.workflow.ApprovalList;
import id.lumbung.core.workflow.ApprovalService;
import id.lumbung.core.workflow.Delegation;
import id.lumbung.gateway.PathIds;
import id.lumbung.gateway.edge.PageQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.annotation.Status;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Approval of verified proposals in lists along the tenant's own chain, the approval PDF,
 * delegation while an official is away, and the approved list sent to the ministry once.
 */
@Controller("/api/v1/tenants/{tenantId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "workflow")
@SecurityRequirement(name = "bearer")
class ApprovalController {
    private final ApprovalService approvals;

    ApprovalController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @Permits(Permission.PROPOSAL_READ)
    @Get("/approval-chain")
    @Operation(summary = "The tenant's approval chain: the role deciding at each step (the national default until set)")
    List<ApprovalList.Step> chain(@PathVariable String tenantId, Caller caller) {
        return approvals.chain(caller, tenantId);
    }

    /** A step as set: {@code role} a tenant role holding PROPOSAL_APPROVE, {@code label} its name. */
    @Serdeable
    record StepBody(@Nullable @Size(max = 30) String role, @Nullable @Size(max = 100) String label) {}

    /** The chain, first step first. */
    @Serdeable
    record ChainBody(@Nullable @Size(max = 9) List<@Valid StepBody> steps) {}

    @Permits(Permission.APPROVAL_CHAIN_MANAGE)
    @Put(value = "/approval-chain", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the tenant's approval chain (1–9 steps, no role twice; not while a list is in approval)")
    List<ApprovalList.Step> setChain(@PathVariable String tenantId, @Valid @Body ChainBody body, Caller caller) {
        List<ApprovalService.StepInput> steps = body.steps() == null
                ? List.of()
                : body.steps().stream()
                        .map(step -> step == null ? null : new ApprovalService.StepInput(step.role(), step.label()))
                        .toList();
        return approvals.setChain(caller, tenantId, steps);
    }

    /**
     * A list to open.
     *
     * @param title its name, e.g. "Usulan Desember 2026"
     * @param proposalIds the verified proposals on it; none: every verified proposal waiting
     */
    @Serdeable
    record OpenBody(@Nullable @Size(max = 200) String title, @Nullable @Size(max = 50_000) List<UUID> proposalIds) {}

    @Permits(Permission.PROPOSAL_CHECK)
    @Post(value = "/approval-lists", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Gather verified proposals into a list for approval (those named, or every one waiting); 201 with"
                    + " the list's SHA-256; 409 nothing_to_approve")
    HttpResponse<ApprovalList> open(@PathVariable String tenantId, @Valid @Body OpenBody body, Caller caller) {
        ApprovalList list = approvals.open(caller, tenantId, body.title(), body.proposalIds());
        return HttpResponse.created(list, URI.create("/api/v1/tenants/" + tenantId + "/approval-lists/" + list.id()));
    }

    @Permits(Permission.PROPOSAL_READ)
    @Get("/approval-lists")
    @Operation(summary = "The tenant's approval lists, newest first, a page at a time with X-Total-Count and Link")
    HttpResponse<List<ApprovalList>> lists(@PathVariable String tenantId, @RequestBean PageQuery page, Caller caller) {
        return page.answer(approvals.page(caller, tenantId, page.page()));
    }

    @Permits(Permission.PROPOSAL_READ)
    @Get("/approval-lists/{id}")
    @Operation(summary = "An approval list: its chain, the next step, the decisions and how long each step waited")
    ApprovalList list(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        return approvals.get(caller, tenantId, uuid(id));
    }

    /**
     * A decision at the list's next step.
     *
     * @param version the list's version as read
     * @param listSha256 the list's hash as read (printed on its PDF)
     */
    @Serdeable
    record DecisionBody(int version, @Nullable @Size(max = 64) String listSha256) {}

    @Permits(Permission.PROPOSAL_APPROVE)
    @Post(value = "/approval-lists/{id}/decisions", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Approve the list at its next step, all its proposals at once, as the step's role or its"
                    + " delegate; 409 own_proposal (four eyes), 409 stale_update, 403 approval_step_not_yours")
    ApprovalList decide(
            @PathVariable String tenantId, @PathVariable String id, @Valid @Body DecisionBody body, Caller caller) {
        return approvals.decide(caller, tenantId, uuid(id), body.version(), body.listSha256());
    }

    @Permits(Permission.PROPOSAL_READ)
    @Get(
            value = "/approval-lists/{id}/document.pdf",
            produces = {"application/pdf", MediaType.APPLICATION_JSON})
    @Operation(summary = "The approval document (PDF): the list, its SHA-256, each step's decision and a place to sign")
    HttpResponse<byte[]> document(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        UUID list = uuid(id);
        return HttpResponse.ok(approvals.pdf(caller, tenantId, list))
                .contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"persetujuan-" + list + ".pdf\"");
    }

    /** The ministry's round the list is sent for, yyyy-mm. */
    @Serdeable
    record SendBody(@Nullable @Size(max = 7) String period) {}

    @Permits(Permission.MINISTRY_SUBMIT)
    @Post(value = "/approval-lists/{id}/sending", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Send an approved list to the ministry through the Kemensos connector, once (409 already_sent);"
                    + " 202, follow the exchange")
    ApprovalList send(
            @PathVariable String tenantId, @PathVariable String id, @Valid @Body SendBody body, Caller caller) {
        return approvals.send(caller, tenantId, uuid(id), body.period());
    }

    @Permits(Permission.PROPOSAL_APPROVE)
    @Get("/delegations")
    @Operation(summary = "The tenant's delegations not ended, and those ended in the last 30 days")
    List<Delegation> delegations(@PathVariable String tenantId, Caller caller) {
        return approvals.delegations(caller, tenantId);
    }

    /** Who decides in the caller's place, from when until when (at most 90 days), and why. */
    @Serdeable
    record DelegationBody(
            @Nullable @Size(max = 100) String toUser,
            @Nullable Instant startsAt,
            @Nullable Instant endsAt,
            @Nullable @Size(max = 300) String reason) {}

    @Permits(Permission.PROPOSAL_APPROVE)
    @Post(value = "/delegations", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Let another user of the office decide in the caller's place while it is away (audited); 201")
    HttpResponse<Delegation> delegate(@PathVariable String tenantId, @Valid @Body DelegationBody body, Caller caller) {
        Delegation delegation =
                approvals.delegate(caller, tenantId, body.toUser(), body.startsAt(), body.endsAt(), body.reason());
        return HttpResponse.created(delegation, URI.create("/api/v1/tenants/" + tenantId + "/delegations"));
    }

    @Permits(Permission.PROPOSAL_APPROVE)
    @Delete("/delegations/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "End a delegation early (its maker, or who manages the chain); audited")
    void revoke(@PathVariable String tenantId, @PathVariable String id, Caller caller) {
        approvals.revoke(caller, tenantId, PathIds.uuid(id, ErrorCode.INVALID_DELEGATION, "Delegation"));
    }

    private static UUID uuid(String id) {
        return PathIds.uuid(id, ErrorCode.APPROVAL_BATCH_NOT_FOUND, "Approval list");
    }
}
