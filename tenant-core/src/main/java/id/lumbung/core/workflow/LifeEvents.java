package id.lumbung.core.workflow;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Life events the civil registry reports become proposals by themselves, submitted for a
 * verifier to check — nobody has to notice them first: a member Dukcapil records as deceased
 * (the head: a new head is to be named so that the family is carried over, not dropped; the
 * last living member: the household leaves), a KK that no longer matches (the family has a new
 * KK), an address that no longer matches (the family may have moved). One open proposal per
 * household and reason: the next verification does not propose it again.
 */
@Singleton
public final class LifeEvents {
    static final String ACTOR = "dukcapil";

    private final IdentityIndex index;
    private final ProposalRows proposals;
    private final ProposalEventRows events;
    private final ProposalChecks proposalChecks;

    LifeEvents(IdentityIndex index, ProposalRows proposals, ProposalEventRows events, ProposalChecks proposalChecks) {
        this.index = index;
        this.proposals = proposals;
        this.events = events;
        this.proposalChecks = proposalChecks;
    }

    /**
     * Dukcapil's answer about a member, in the transaction that records it (the member's tenant):
     * answers the proposals it created.
     */
    public List<UUID> fromDukcapil(String tenantId, UUID memberId, String result, List<String> differences) {
        IdentityIndex.MemberOf member = index.memberOf(tenantId, memberId).orElse(null);
        if (member == null) {
            return List.of();
        }
        boolean head = "KEPALA_KELUARGA".equals(member.relationship());
        List<UUID> created = new ArrayList<>();
        if ("DECEASED".equals(result)) {
            if (member.living() == 0) {
                propose(
                        created,
                        tenantId,
                        member,
                        Proposal.Kind.REMOVE,
                        "DIED",
                        "Dukcapil mencatat " + member.fullName() + " meninggal; tidak ada anggota keluarga yang hidup");
            } else if (head) {
                propose(
                        created,
                        tenantId,
                        member,
                        Proposal.Kind.CHANGE,
                        "NEW_HEAD",
                        "Dukcapil mencatat kepala keluarga " + member.fullName() + " meninggal: tunjuk kepala keluarga"
                                + " baru agar keluarga berlanjut");
            } else {
                propose(
                        created,
                        tenantId,
                        member,
                        Proposal.Kind.CHANGE,
                        "MEMBERS",
                        "Dukcapil mencatat anggota " + member.fullName() + " meninggal");
            }
        }
        if (differences.contains("kk")) {
            propose(
                    created,
                    tenantId,
                    member,
                    Proposal.Kind.CHANGE,
                    "NEW_KK",
                    "Nomor KK berbeda dengan Dukcapil: keluarga mungkin memiliki KK baru");
        }
        if (differences.contains("address") || differences.contains("rt") || differences.contains("rw")) {
            propose(
                    created,
                    tenantId,
                    member,
                    Proposal.Kind.CHANGE,
                    "DATA",
                    "Alamat berbeda dengan Dukcapil (" + String.join(", ", differences) + "): keluarga mungkin pindah");
        }
        return created;
    }

    /**
     * A head of household the registry itself records as deceased (in the tenant's transaction):
     * while others of the family live, a new head is proposed so that the family is carried over,
     * not dropped; when no one lives, the household's removal — once per household. Answers the
     * proposal, or {@code null} when one is open already or the member is gone.
     */
    public UUID diedInRegistry(String tenantId, UUID headId) {
        IdentityIndex.MemberOf member = index.memberOf(tenantId, headId).orElse(null);
        if (member == null) {
            return null;
        }
        List<UUID> created = new ArrayList<>();
        if (member.living() > 0) {
            propose(
                    created,
                    tenantId,
                    member,
                    Proposal.Kind.CHANGE,
                    "NEW_HEAD",
                    "registry",
                    "Kepala keluarga " + member.fullName() + " tercatat meninggal di DTKS: tunjuk kepala keluarga baru"
                            + " agar keluarga berlanjut");
        } else {
            propose(
                    created,
                    tenantId,
                    member,
                    Proposal.Kind.REMOVE,
                    "DIED",
                    "registry",
                    "Kepala keluarga " + member.fullName()
                            + " tercatat meninggal di DTKS dan tidak ada anggota keluarga" + " yang hidup");
        }
        return created.isEmpty() ? null : created.get(0);
    }

    private void propose(
            List<UUID> created,
            String tenantId,
            IdentityIndex.MemberOf member,
            Proposal.Kind kind,
            String reason,
            String why) {
        propose(created, tenantId, member, kind, reason, "dukcapil", why);
    }

    private void propose(
            List<UUID> created,
            String tenantId,
            IdentityIndex.MemberOf member,
            Proposal.Kind kind,
            String reason,
            String source,
            String why) {
        if (index.openProposals(tenantId, member.householdId(), reason) > 0) {
            return;
        }
        List<Proposal.Check> checks = new ArrayList<>();
        checks.add(new Proposal.Check(source, "nik", ProposalChecks.WARNING, why, null));
        ProposalRow row = ProposalRow.opened(
                        tenantId,
                        member.villageCode(),
                        kind,
                        reason,
                        "LIFE_EVENT",
                        member.householdId(),
                        null,
                        member.headName(),
                        member.address(),
                        new ProposalRow.Identifier(member.kkEncrypted(), member.kkIndex(), member.kkMasked()),
                        new ProposalRow.Identifier(member.nikEncrypted(), member.nikIndex(), member.nikMasked()),
                        why,
                        null,
                        ProposalState.SUBMITTED,
                        ACTOR)
                .withChecks(proposalChecks.write(checks));
        proposals.save(row);
        events.save(ProposalEventRow.opening(row, "SUBMIT", ACTOR, why));
        created.add(row.id());
    }
}
