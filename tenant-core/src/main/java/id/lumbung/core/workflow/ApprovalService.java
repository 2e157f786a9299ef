package id.lumbung.core.workflow;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Role;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.ministry.MinistryExchange;
import id.lumbung.core.paging.Keyset;
import id.lumbung.core.paging.Page;
import id.lumbung.core.paging.PageRequest;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.user.UserAccount;
import id.lumbung.core.user.UserRepository;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Approval of verified proposals in lists, along each tenant's own chain (federated: a regency
 * sets its steps, e.g. verifier → head of office → Bupati/Wali Kota): a whole list in one action
 * per step; four eyes (whoever made a proposal of the list, or the list, or decided an earlier
 * step never decides, also not through a delegation); delegation while an official is away
 * (time-boxed, audited); each step's waiting time kept; a PDF that names the list's hash; and the
 * approved list sent to the ministry once.
 */
@Singleton
public final class ApprovalService {
    public static final int MAXIMUM_LIST = 50_000;
    static final Duration LONGEST_DELEGATION = Duration.ofDays(90);
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalService.class);

    private final TenantTransactions transactions;
    private final Authorizer access;
    private final AuditLog audit;
    private final ApprovalBatchRows batches;
    private final ProposalRows proposals;
    private final DelegationRows delegations;
    private final UserRepository users;
    private final MinistryExchange ministry;
    private final ApprovalDocument document;
    private final DeterminationRows determinations;

    ApprovalService(
            TenantTransactions transactions,
            Authorizer access,
            AuditLog audit,
            ApprovalBatchRows batches,
            ProposalRows proposals,
            DelegationRows delegations,
            UserRepository users,
            MinistryExchange ministry,
            ApprovalDocument document,
            DeterminationRows determinations) {
        this.determinations = determinations;
        this.transactions = transactions;
        this.access = access;
        this.audit = audit;
        this.batches = batches;
        this.proposals = proposals;
        this.delegations = delegations;
        this.users = users;
        this.ministry = ministry;
        this.document = document;
    }

    /** The tenant's approval chain (the national default until it sets its own). */
    public List<ApprovalList.Step> chain(Caller caller, String tenantId) {
        access.grant(caller, Permission.PROPOSAL_READ, tenantId);
        return transactions.inTenant(tenantId, connection -> chainOf(tenantId));
    }

    private List<ApprovalList.Step> chainOf(String tenantId) {
        List<ApprovalBatchRows.StepRow> own = batches.steps(tenantId);
        if (own.isEmpty()) {
            return Authorizer.DEFAULT_CHAIN.stream()
                    .map(step ->
                            new ApprovalList.Step(step.position(), step.role().name(), step.label()))
                    .toList();
        }
        return own.stream()
                .map(step -> new ApprovalList.Step(step.position(), step.role(), step.label()))
                .toList();
    }

    /** A step as a tenant sets it: the role deciding there and the step's name. */
    public record StepInput(String role, String label) {}

    /** Sets the tenant's chain (not while a list is being approved: it would change under it). */
    public List<ApprovalList.Step> setChain(Caller caller, String tenantId, List<StepInput> steps) {
        access.require(caller, Permission.APPROVAL_CHAIN_MANAGE, tenantId);
        if (steps == null || steps.isEmpty() || steps.size() > 9) {
            throw chainInvalid("A chain has from 1 to 9 steps");
        }
        List<ApprovalList.Step> chain = new ArrayList<>();
        Set<Role> seen = new HashSet<>();
        for (StepInput step : steps) {
            if (step == null) {
                throw chainInvalid("A step names a role and a label");
            }
            Role role;
            try {
                role = Role.valueOf(
                        step.role() == null ? "" : step.role().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw chainInvalid("Unknown role " + step.role());
            }
            if (!access.mayApproveAt(role) || !seen.add(role)) {
                throw chainInvalid(role + " cannot decide at a step, or decides at two");
            }
            String label = ProposalService.text(step.label(), 100, "label", true);
            chain.add(new ApprovalList.Step(chain.size() + 1, role.name(), label));
        }
        return transactions.inTenant(tenantId, connection -> {
            if (batches.inApproval(tenantId) > 0) {
                throw chainInvalid("A list is being approved: change the chain once it is decided");
            }
            batches.clearSteps(tenantId);
            for (ApprovalList.Step step : chain) {
                batches.addStep(tenantId, step.position(), step.role(), step.label());
            }
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "APPROVAL_CHAIN_SET",
                    chain.stream().map(ApprovalList.Step::role).toList().toString(),
                    List.of("approval_chain"),
                    "OK");
            return chain;
        });
    }

    /**
     * Gathers verified proposals into a list for approval: those named, or every one waiting
     * (oldest first, at most {@link #MAXIMUM_LIST}). A named proposal that is not verified, or is
     * already in a list, refuses the whole list.
     */
    public ApprovalList open(Caller caller, String tenantId, String title, List<UUID> ids) {
        access.require(caller, Permission.PROPOSAL_CHECK, tenantId);
        String cleanTitle = ProposalService.text(title, 200, "title", false);
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ApprovalList opened = transactions.inTenant(tenantId, connection -> {
            if (ids != null && ids.contains(null)) {
                throw new LumbungException(ErrorCode.INVALID_PROPOSAL, "proposalIds holds proposal ids, no null");
            }
            List<UUID> chosen = ids == null || ids.isEmpty()
                    ? proposals.waitingForApproval(tenantId, MAXIMUM_LIST)
                    : List.copyOf(new java.util.LinkedHashSet<>(ids));
            if (chosen.isEmpty()) {
                throw new LumbungException(ErrorCode.NOTHING_TO_APPROVE, "No verified proposal waits for a list");
            }
            if (chosen.size() > MAXIMUM_LIST) {
                throw new LumbungException(
                        ErrorCode.INVALID_PROPOSAL, "A list holds at most " + MAXIMUM_LIST + " proposals");
            }
            batches.save(new ApprovalBatchRow(
                    id,
                    tenantId,
                    cleanTitle == null
                            ? "Daftar usulan " + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Jakarta"))
                            : cleanTitle,
                    "IN_APPROVAL",
                    1,
                    0,
                    "",
                    caller.username(),
                    now,
                    now,
                    null,
                    null,
                    null,
                    0));
            long joined = proposals.joinBatch(tenantId, id, chosen);
            if (joined != chosen.size()) {
                throw new LumbungException(
                        ErrorCode.ILLEGAL_TRANSITION,
                        (chosen.size() - joined) + " of the proposals are not verified or already in a list");
            }
            String hash = ApprovalDocument.listSha256(batches.lines(tenantId, id));
            batches.fix(tenantId, id, (int) joined, hash);
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "APPROVAL_LIST_OPEN",
                    id + ": " + joined + " proposals",
                    List.of("proposals"),
                    "OK");
            return view(tenantId, batches.findById(id).orElseThrow());
        });
        LOG.info("Approval list {} of tenant {}: {} proposals", id, tenantId, opened.proposals());
        return opened;
    }

    /** A list with its chain and decisions. */
    public ApprovalList get(Caller caller, String tenantId, UUID id) {
        wholeTenant(caller, tenantId);
        return transactions.inTenant(tenantId, connection -> view(tenantId, find(id)));
    }

    /** The tenant's lists, newest first, a page at a time. */
    public Page<ApprovalList> page(Caller caller, String tenantId, PageRequest request) {
        wholeTenant(caller, tenantId);
        return transactions.inTenant(tenantId, connection -> {
            List<ApprovalList.Step> chain = chainOf(tenantId);
            Keyset.Ids page =
                    Keyset.newestIds(connection, "FROM approval_batch WHERE tenant_id = ?", request, tenantId);
            List<ApprovalList> read = page.inOrder(batches.findByIdIn(page.ids()), ApprovalBatchRow::id).stream()
                    .map(row -> view(tenantId, row, chain))
                    .toList();
            return Page.of(
                    read,
                    request,
                    page.total(),
                    list -> PageRequest.cursor(
                            list.createdAt().toString(), list.id().toString()));
        });
    }

    /**
     * Approves the list at its next step, in one action for all its proposals. The official names
     * the version and the hash of the list read (a list changed since answers {@code 409}); it
     * decides as the step's role, or for an official of that role who delegated to it.
     */
    public ApprovalList decide(Caller caller, String tenantId, UUID id, int version, String listSha256) {
        access.require(caller, Permission.PROPOSAL_APPROVE, tenantId);
        // The step, and as whom the caller decides there, are read first: a delegator's account is
        // a platform row, never read inside a tenant's transaction. The update below names the
        // version read, so the step cannot change in between.
        ApprovalList read = transactions.inTenant(tenantId, connection -> view(tenantId, find(id)));
        if (read.nextStep() == null) {
            throw new LumbungException(
                    ErrorCode.ILLEGAL_TRANSITION, "The list is " + read.state() + ": there is no step left to decide");
        }
        if (read.version() != version || !read.listSha256().equals(listSha256)) {
            throw new LumbungException(
                    ErrorCode.STALE_UPDATE, "The list changed since it was read: read it again (version, listSha256)");
        }
        ApprovalList.Step step = read.nextStep();
        Role role = Role.valueOf(step.role());
        String onBehalfOf = access.decidesAs(caller, tenantId, role) ? null : delegator(tenantId, caller, role);
        boolean last = step.position() >= read.chain().size();
        return transactions.inTenant(tenantId, connection -> {
            ApprovalBatchRow batch = find(id);
            Set<String> deciders = new HashSet<>();
            deciders.add(caller.username());
            if (onBehalfOf != null) {
                deciders.add(onBehalfOf);
            }
            boolean decidedBefore = batches.decisions(tenantId, id).stream()
                    .anyMatch(earlier -> deciders.contains(earlier.decidedBy())
                            || (earlier.onBehalfOf() != null && deciders.contains(earlier.onBehalfOf())));
            if (deciders.contains(batch.createdBy()) || batches.madeBy(tenantId, id, deciders) > 0 || decidedBefore) {
                throw new LumbungException(
                        ErrorCode.OWN_PROPOSAL,
                        "Four eyes: who made the list or one of its proposals, or decided an earlier step, does not"
                                + " decide here");
            }
            long waited =
                    Math.max(0, Instant.now().toEpochMilli() - batch.stepSince().toEpochMilli());
            if (batches.advance(tenantId, id, version, last ? "APPROVED" : "IN_APPROVAL") == 0) {
                throw new LumbungException(
                        ErrorCode.STALE_UPDATE, "Someone decided this step first: read the list again");
            }
            batches.decide(
                    tenantId,
                    id,
                    step.position(),
                    step.role(),
                    step.label(),
                    caller.username(),
                    onBehalfOf,
                    waited,
                    listSha256);
            if (last) {
                long moved =
                        moveList(tenantId, id, ProposalCommand.APPROVE, caller.username(), onBehalfOf, step.label());
                if (moved != batch.proposals()) {
                    throw new IllegalStateException(
                            "List " + id + " holds " + batch.proposals() + " proposals, " + moved + " were approved");
                }
            }
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    last ? "APPROVAL_LIST_APPROVED" : "APPROVAL_STEP_DECIDED",
                    id + " step " + step.position() + " (" + step.label() + ")"
                            + (onBehalfOf == null ? "" : " for " + onBehalfOf),
                    List.of("proposals"),
                    "OK");
            return view(tenantId, find(id));
        });
    }

    /** The official who delegated this step's role to the caller, now; otherwise a refusal. */
    private String delegator(String tenantId, Caller caller, Role role) {
        List<DelegationRow> held =
                transactions.inTenant(tenantId, connection -> delegations.activeFor(tenantId, caller.username()));
        for (DelegationRow delegation : held) {
            UserAccount from = users.findByUsername(delegation.fromUser()).orElse(null);
            if (from != null
                    && from.enabled()
                    && tenantId.equals(from.tenantId())
                    && access.accountDecidesAs(from.roles(), tenantId, role)) {
                return from.username();
            }
        }
        throw new LumbungException(
                ErrorCode.APPROVAL_STEP_NOT_YOURS, "This step is decided by the role " + role + " (or its delegate)");
    }

    /** The approval document: the list, its hash, the decisions and a place to sign each step. */
    public byte[] pdf(Caller caller, String tenantId, UUID id) {
        Tenant tenant = wholeTenant(caller, tenantId);
        return transactions.inTenant(tenantId, connection -> {
            ApprovalList list = view(tenantId, find(id));
            byte[] pdf = document.write(tenant, list, batches.lines(tenantId, id));
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "APPROVAL_LIST_PDF",
                    id.toString(),
                    List.of("head_name", "nik_masked", "address"),
                    "OK");
            return pdf;
        });
    }

    /** Sends an approved list to the ministry, once: a second time answers {@code 409 already_sent}. */
    public ApprovalList send(Caller caller, String tenantId, UUID id, String period) {
        access.require(caller, Permission.MINISTRY_SUBMIT, tenantId);
        if (period == null || !period.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            throw new LumbungException(ErrorCode.INVALID_PERIOD, "The period reads yyyy-mm, e.g. 2026-12");
        }
        return transactions.inTenant(tenantId, connection -> {
            ApprovalBatchRow batch = find(id);
            if ("SENT".equals(batch.state())) {
                throw new LumbungException(ErrorCode.ALREADY_SENT, "List " + id + " was sent on " + batch.sentAt());
            }
            if (!"APPROVED".equals(batch.state())) {
                throw new LumbungException(
                        ErrorCode.ILLEGAL_TRANSITION, "A list is sent once every step of the chain approved it");
            }
            UUID exchange = ministry.sendList(connection, caller, tenantId, id, period);
            if (batches.sent(tenantId, id, exchange, caller.username()) == 0) {
                throw new LumbungException(ErrorCode.ALREADY_SENT, "List " + id + " was sent by someone else first");
            }
            moveList(tenantId, id, ProposalCommand.SEND, caller.username(), null, "Kemensos " + period);
            determinations.ledger(tenantId, id, period); // its corrections and removals, for good
            return view(tenantId, find(id));
        });
    }

    /** Lets another user of the tenant decide in the caller's place while it is away (at most 90 days). */
    public Delegation delegate(
            Caller caller, String tenantId, String toUser, Instant startsAt, Instant endsAt, String reason) {
        access.require(caller, Permission.PROPOSAL_APPROVE, tenantId);
        if (toUser == null
                || startsAt == null
                || endsAt == null
                || !endsAt.isAfter(startsAt)
                || Duration.between(startsAt, endsAt).compareTo(LONGEST_DELEGATION) > 0
                || endsAt.isBefore(Instant.now())) {
            throw new LumbungException(
                    ErrorCode.INVALID_DELEGATION,
                    "A delegation has a start, an end after it and at most 90 days later");
        }
        String cleanReason = ProposalService.text(reason, 300, "reason", true);
        UserAccount to = users.findByUsername(toUser.strip())
                .filter(user -> tenantId.equals(user.tenantId()) && user.enabled())
                .orElseThrow(() -> new LumbungException(
                        ErrorCode.INVALID_DELEGATION, "Delegate to another active user of this office"));
        if (to.username().equals(caller.username())) {
            throw new LumbungException(ErrorCode.INVALID_DELEGATION, "Delegate to another user");
        }
        DelegationRow row = new DelegationRow(
                UUID.randomUUID(),
                tenantId,
                caller.username(),
                to.username(),
                startsAt.truncatedTo(ChronoUnit.MICROS),
                endsAt.truncatedTo(ChronoUnit.MICROS),
                cleanReason,
                caller.username(),
                Instant.now().truncatedTo(ChronoUnit.MICROS),
                null);
        return transactions.inTenant(tenantId, connection -> {
            delegations.save(row);
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "DELEGATION_CREATE",
                    caller.username() + " → " + to.username() + " " + row.startsAt() + "–" + row.endsAt(),
                    List.of("approval"),
                    "OK");
            return Delegation.of(row);
        });
    }

    /** Ends a delegation early: its maker, or whoever manages the chain. */
    public void revoke(Caller caller, String tenantId, UUID id) {
        access.require(caller, Permission.PROPOSAL_APPROVE, tenantId);
        boolean manages = access.permits(caller, Permission.APPROVAL_CHAIN_MANAGE, tenantId);
        transactions.inTenant(tenantId, connection -> {
            DelegationRow row = delegations
                    .findById(id)
                    .filter(found -> found.fromUser().equals(caller.username()) || manages)
                    .orElseThrow(
                            () -> new LumbungException(ErrorCode.INVALID_DELEGATION, "No such delegation of yours"));
            delegations.revoke(tenantId, row.id());
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "DELEGATION_REVOKE",
                    row.fromUser() + " → " + row.toUser(),
                    List.of("approval"),
                    "OK");
            return null;
        });
    }

    /** The tenant's delegations not ended, and those ended in the last 30 days. */
    public List<Delegation> delegations(Caller caller, String tenantId) {
        access.require(caller, Permission.PROPOSAL_APPROVE, tenantId);
        return transactions.inTenant(tenantId, connection -> delegations.recent(tenantId).stream()
                .map(Delegation::of)
                .toList());
    }

    /** Every proposal of a list takes the command's step, each with its event; answers how many moved. */
    private long moveList(
            String tenantId, UUID id, ProposalCommand command, String actor, String onBehalfOf, String note) {
        ProposalState from = command.from().iterator().next();
        long moved = proposals.moveBatch(tenantId, id, from.name(), command.to().name());
        proposals.batchMoved(tenantId, id, from.name(), command.to().name(), command.name(), actor, onBehalfOf, note);
        return moved;
    }

    /**
     * A list holds proposals of every village: it is read with {@code PROPOSAL_READ} over the whole
     * tenant (a village operator follows its own proposals instead).
     */
    private Tenant wholeTenant(Caller caller, String tenantId) {
        Authorizer.Grant grant = access.grant(caller, Permission.PROPOSAL_READ, tenantId);
        if (!grant.reach().everything()) {
            throw new LumbungException(
                    ErrorCode.VILLAGE_NOT_IN_SCOPE,
                    "An approval list holds proposals of every village: follow your villages' proposals instead");
        }
        return grant.tenant();
    }

    private ApprovalBatchRow find(UUID id) {
        return batches.findById(id)
                .orElseThrow(() -> new LumbungException(
                        ErrorCode.APPROVAL_BATCH_NOT_FOUND, "Approval list " + id + " was not found"));
    }

    private ApprovalList view(String tenantId, ApprovalBatchRow row) {
        return view(tenantId, row, chainOf(tenantId));
    }

    /** A list as shown, with the tenant's chain read once for a whole page. */
    private ApprovalList view(String tenantId, ApprovalBatchRow row, List<ApprovalList.Step> chain) {
        List<ApprovalList.Decision> decisions = batches.decisions(tenantId, row.id()).stream()
                .map(decision -> new ApprovalList.Decision(
                        decision.position(),
                        decision.role(),
                        decision.label(),
                        decision.decidedBy(),
                        decision.onBehalfOf(),
                        decision.decidedAt(),
                        decision.waitedMs(),
                        decision.listSha256()))
                .toList();
        ApprovalList.Step next = "IN_APPROVAL".equals(row.state()) && row.nextPosition() <= chain.size()
                ? chain.get(row.nextPosition() - 1)
                : null;
        return new ApprovalList(
                row.id(),
                row.title(),
                row.state(),
                row.proposals(),
                row.listSha256(),
                row.createdBy(),
                row.createdAt(),
                next,
                row.stepSince(),
                chain,
                decisions,
                row.exchangeId(),
                row.sentBy(),
                row.sentAt(),
                row.version());
    }

    private static LumbungException chainInvalid(String message) {
        return new LumbungException(ErrorCode.INVALID_APPROVAL_CHAIN, message);
    }
}
