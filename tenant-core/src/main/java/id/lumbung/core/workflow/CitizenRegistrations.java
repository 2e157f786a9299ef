package id.lumbung.core.workflow;

import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.household.RegistryField;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.ratelimit.RateLimits;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantRepository;
import id.lumbung.core.tenant.TenantVillages;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Citizens who register themselves (no login): a family gives its KK, the head's NIK and name,
 * its address and a photo of the KTP; the registration lands as a submitted proposal for its
 * village, with the checks run, and the answer is a receipt to follow it — the same answer
 * whether or not the NIK is known anywhere, so the form tells nobody who is registered. Requests
 * are limited per client address; a receipt look-up answers only where the proposal stands.
 */
@Singleton
public final class CitizenRegistrations {
    static final String ACTOR = "warga";

    private final TenantTransactions transactions;
    private final TenantRepository tenants;
    private final TenantVillages villages;
    private final RateLimits rateLimits;
    private final EvidenceFiles files;
    private final ProposalChecks checks;
    private final ProposalRows proposals;
    private final ProposalEventRows events;
    private final IdentifierProtection protection;

    CitizenRegistrations(
            TenantTransactions transactions,
            TenantRepository tenants,
            TenantVillages villages,
            RateLimits rateLimits,
            EvidenceFiles files,
            ProposalChecks checks,
            ProposalRows proposals,
            ProposalEventRows events,
            IdentifierProtection protection) {
        this.transactions = transactions;
        this.tenants = tenants;
        this.villages = villages;
        this.rateLimits = rateLimits;
        this.files = files;
        this.checks = checks;
        this.proposals = proposals;
        this.events = events;
        this.protection = protection;
    }

    /** What a family gives. */
    public record Registration(String villageCode, String headName, String address, String nik, String kk) {}

    /** The answer to a registration, and to a receipt look-up: where it stands, nothing personal. */
    @Serdeable
    public record Receipt(String receipt, String status, Instant since, String message) {}

    /** Registers a family; answers its receipt (202 at the edge) whatever the registry holds. */
    public Receipt register(String tenantId, String clientAddress, Registration registration, InputStream ktpPhoto) {
        rateLimits.registration(clientAddress);
        Tenant tenant = tenant(tenantId);
        if (registration == null) {
            throw new LumbungException(ErrorCode.INVALID_PROPOSAL, "Fill in the form");
        }
        String villageCode = villages.require(tenant, registration.villageCode());
        String head = (String) RegistryField.NAMA.require(registration.headName(), ErrorCode.INVALID_PROPOSAL);
        String address = (String) RegistryField.ALAMAT.require(registration.address(), ErrorCode.INVALID_PROPOSAL);
        String nik = (String) RegistryField.NOMOR_NIK.require(registration.nik(), ErrorCode.INVALID_PROPOSAL);
        String kk = (String) RegistryField.NOMOR_KK.require(registration.kk(), ErrorCode.INVALID_PROPOSAL);
        if (nik == null || kk == null) {
            throw new LumbungException(ErrorCode.INVALID_PROPOSAL, "The head's NIK and the KK number are required");
        }
        if (ktpPhoto == null) {
            throw new LumbungException(ErrorCode.INVALID_PROPOSAL, "A photo of the KTP is required");
        }
        String photo = files.keep(tenantId, ACTOR, ktpPhoto).sha256();
        ProposalRow row = ProposalRow.opened(
                tenantId,
                villageCode,
                Proposal.Kind.ADD,
                "NEW_HOUSEHOLD",
                "CITIZEN",
                null,
                null,
                head,
                address,
                ProposalRow.Identifier.of(protection, tenantId, kk),
                ProposalRow.Identifier.of(protection, tenantId, nik),
                "Pendaftaran mandiri",
                photo,
                ProposalState.SUBMITTED,
                ACTOR);
        List<Proposal.Check> found = new ArrayList<>(ProposalChecks.rules(nik, kk));
        found.addAll(checks.acrossProvince(tenant, row, nik));
        transactions.inTenant(tenantId, connection -> {
            found.addAll(checks.inTenant(tenantId, row));
            proposals.save(row.withChecks(checks.write(found)));
            events.save(ProposalEventRow.opening(row, "SUBMIT", ACTOR, "Pendaftaran mandiri oleh warga"));
            return null;
        });
        return new Receipt(row.receipt(), ProposalState.SUBMITTED.label(), row.createdAt(), MESSAGE);
    }

    static final String MESSAGE = "Pendaftaran diterima. Simpan nomor ini untuk mengikuti prosesnya; petugas akan"
            + " memeriksa data dan dapat mengunjungi rumah Anda.";

    /** Where a registration stands, by its receipt (limited per address like registrations). */
    public Receipt status(String tenantId, String clientAddress, String receipt) {
        rateLimits.registration(clientAddress);
        tenant(tenantId);
        String asked = receipt == null ? "" : receipt.strip().toUpperCase(java.util.Locale.ROOT);
        ProposalRow row = asked.matches("USL-[0-9]{4}-[2-9A-HJ-NP-Z]{8}")
                ? transactions
                        .inTenant(tenantId, connection -> proposals.findByReceipt(asked))
                        .orElse(null)
                : null;
        if (row == null || !"CITIZEN".equals(row.source())) {
            throw new LumbungException(ErrorCode.PROPOSAL_NOT_FOUND, "No registration has this receipt");
        }
        return new Receipt(row.receipt(), row.currentState().label(), row.stateSince(), null);
    }

    /** The regency or city the form is for; an unknown one answers {@code tenant_not_found}. */
    public String office(String tenantId) {
        return tenant(tenantId).name();
    }

    private Tenant tenant(String tenantId) {
        return (tenantId == null || !tenantId.matches("[0-9]{4}")
                        ? java.util.Optional.<Tenant>empty()
                        : tenants.findById(tenantId))
                .orElseThrow(() -> LumbungException.tenantNotFound(tenantId == null ? "" : tenantId));
    }
}
