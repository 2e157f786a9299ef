package id.lumbung.core.workflow;

import id.lumbung.core.access.Permission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every transition of a proposal, in one place: the verb it needs, the states it starts from and
 * the state it leads to. Anything else answers {@code 409 illegal_transition}; the rules beyond
 * states (four eyes, a field visit before a new household is verified, a list approved step by
 * step) are checked by the service that runs the command.
 */
public enum ProposalCommand {
    /** The village operator submits a draft: the automatic checks run. */
    SUBMIT(Permission.PROPOSAL_WRITE, ProposalState.SUBMITTED, ProposalState.DRAFT),
    /** Its maker takes it back before anyone checked it. */
    WITHDRAW(Permission.PROPOSAL_WRITE, ProposalState.WITHDRAWN, ProposalState.DRAFT, ProposalState.SUBMITTED),
    /** A verifier takes it into checking. */
    TAKE(Permission.PROPOSAL_CHECK, ProposalState.CHECKING, ProposalState.SUBMITTED),
    /** A verifier sends it to a field worker for a visit. */
    SEND_TO_FIELD(Permission.PROPOSAL_CHECK, ProposalState.FIELD_VERIFICATION, ProposalState.CHECKING),
    /** A verifier accepts it: it may go into an approval list. */
    VERIFY(Permission.PROPOSAL_CHECK, ProposalState.VERIFIED, ProposalState.CHECKING, ProposalState.FIELD_VERIFICATION),
    /** A verifier refuses it, with a reason. */
    REJECT(Permission.PROPOSAL_CHECK, ProposalState.REJECTED, ProposalState.CHECKING, ProposalState.FIELD_VERIFICATION),
    /** The last step of the tenant's approval chain approves the list it is in. */
    APPROVE(Permission.PROPOSAL_APPROVE, ProposalState.APPROVED, ProposalState.VERIFIED),
    /** The approved list goes to the ministry (SIKS-NG). */
    SEND(Permission.MINISTRY_SUBMIT, ProposalState.SENT, ProposalState.APPROVED),
    /** The ministry's determination lists it. */
    DETERMINE(Permission.IMPORT_RUN, ProposalState.DETERMINED, ProposalState.SENT),
    /** The ministry sends it back. */
    RETURN(Permission.IMPORT_RUN, ProposalState.RETURNED, ProposalState.SENT);

    private final Permission permission;
    private final ProposalState to;
    private final Set<ProposalState> from;

    ProposalCommand(Permission permission, ProposalState to, ProposalState first, ProposalState... others) {
        this.permission = permission;
        this.to = to;
        this.from = EnumSet.of(first, others);
    }

    /** The verb a caller needs to run it. */
    public Permission permission() {
        return permission;
    }

    /** The state it leads to. */
    public ProposalState to() {
        return to;
    }

    /** Whether it may start from this state. */
    public boolean startsFrom(ProposalState state) {
        return from.contains(state);
    }

    /** The states it may start from. */
    public Set<ProposalState> from() {
        return EnumSet.copyOf(from);
    }
}
