package id.lumbung.core.identity;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.protection.IdentifierProtection;
import id.lumbung.core.registry.NameKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One record against what a tenant already holds, without a run (milliseconds, not minutes): its
 * candidates are read by index — the same NIK or a slip of it (blind indexes), a name starting
 * alike in the same village or born within a year — and scored field by field with the weights of
 * the tenant's latest run (the defaults before its first), against its thresholds. A lookup
 * before registering someone, and the check on a proposal's submission, call it.
 */
@Singleton
public class IdentityLookup {
    static final int MAXIMUM = 10;
    /** The chance that a compared pair is one person, for a tenant that never ran a search. */
    static final double DEFAULT_PRIOR = 1e-5;

    private final Authorizer access;
    private final TenantTransactions transactions;
    private final DuplicateRows rows;
    private final IdentifierProtection protection;
    private final IdentitySettings settings;
    private final AuditLog audit;

    IdentityLookup(
            Authorizer access,
            TenantTransactions transactions,
            DuplicateRows rows,
            IdentifierProtection protection,
            IdentitySettings settings,
            AuditLog audit) {
        this.access = access;
        this.transactions = transactions;
        this.rows = rows;
        this.protection = protection;
        this.settings = settings;
        this.audit = audit;
    }

    /** A record to look up: a name and whatever else is known. */
    @Serdeable
    public record Probe(
            @Nullable String nik,
            @Nullable String kk,
            String fullName,
            @Nullable LocalDate birthDate,
            @Nullable String sex,
            @Nullable String villageCode) {}

    /** A registered member who may be the person looked up, how likely, and why (NIK masked). */
    @Serdeable
    public record Match(
            UUID memberId,
            UUID householdId,
            @Nullable String iddtks,
            String fullName,
            @Nullable String nikMasked,
            @Nullable LocalDate birthDate,
            @Nullable String sex,
            String villageCode,
            double probability,
            boolean sure,
            List<DuplicateRun.Reason> reasons) {}

    /** The members who may be this person, likeliest first (at most ten); audited. */
    public List<Match> matches(Caller caller, String tenantId, Probe probe) {
        access.require(caller, Permission.DUPLICATE_RUN, tenantId);
        if (probe == null
                || probe.fullName() == null
                || NameKey.of(probe.fullName()).isEmpty()) {
            throw new LumbungException(ErrorCode.BAD_REQUEST, "fullName is required");
        }
        List<Match> found = near(tenantId, probe);
        audit.record(tenantId, caller, "IDENTITY_LOOKUP", found.size() + " found", List.of("full_name", "nik_masked"));
        return found;
    }

    /** As {@link #matches}, for the platform's own checks (no caller, no audit). */
    public List<Match> near(String tenantId, Probe probe) {
        String key = NameKey.of(probe.fullName());
        if (key.isEmpty()) {
            return List.of(); // "Ibu", "Alm.", "-": nothing of a name to look for
        }
        String[] words = key.split(" ");
        // Names starting alike: the first word and the second's first letter (name keys are a-z and spaces).
        String prefix = words[0] + (words.length > 1 ? " " + words[1].charAt(0) : "");
        String beyond = prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
        List<String> indexes = new ArrayList<>();
        String nik = digits(probe.nik());
        if (nik != null) {
            indexes.add(protection.blindIndex(nik));
            NikSlips.of(nik).forEach(slip -> indexes.add(protection.blindIndex(slip)));
        } else {
            indexes.add("-");
        }
        LocalDate born = probe.birthDate();
        String village = probe.villageCode() == null ? "" : probe.villageCode().strip();
        if (village.matches("[0-9]{10}")) {
            village = village.substring(0, 2) + "." + village.substring(2, 4) + "." + village.substring(4, 6) + "."
                    + village.substring(6);
        }
        String inVillage = village;
        // Candidates, weights and thresholds in one transaction: a submission runs this on every proposal.
        record Read(List<DuplicateRows.Near> near, String weights, Resolver.Thresholds thresholds) {}
        Read read = transactions.inTenant(
                tenantId,
                connection -> new Read(
                        rows.near(
                                tenantId,
                                indexes,
                                prefix,
                                beyond,
                                inVillage,
                                born == null ? LocalDate.of(1, 1, 1) : born.minusYears(1),
                                born == null ? LocalDate.of(1, 1, 1) : born.plusYears(1)),
                        rows.latestWeights(tenantId).orElse(null),
                        settings.inTransaction(tenantId)));
        Resolver.Thresholds thresholds = read.thresholds();
        MatchModel model =
                read.weights() == null ? MatchModel.defaults(DEFAULT_PRIOR) : MatchModel.read(read.weights());
        People people = new People();
        people.add("probe", nik, digits(probe.kk()), probe.fullName(), born, probe.sex(), village, 0);
        for (DuplicateRows.Near member : read.near()) {
            people.add(
                    member.id().toString(),
                    member.nikEncrypted() == null ? null : protection.decrypt(tenantId, member.nikEncrypted()),
                    member.kkEncrypted() == null ? null : protection.decrypt(tenantId, member.kkEncrypted()),
                    member.fullName(),
                    member.birthDate(),
                    member.sex(),
                    member.villageCode(),
                    1);
        }
        List<Match> found = new ArrayList<>();
        for (int record = 1; record < people.size(); record++) {
            int pattern = Comparison.pattern(people, 0, record);
            double probability = model.probability(pattern);
            if (probability < thresholds.review()) {
                continue;
            }
            DuplicateRows.Near member = read.near().get(record - 1);
            List<DuplicateRun.Reason> reasons = Findings.shown(model.explain(pattern, Double.NaN));
            found.add(new Match(
                    member.id(),
                    member.householdId(),
                    member.iddtks(),
                    member.fullName(),
                    member.nikMasked(),
                    member.birthDate(),
                    member.sex(),
                    member.villageCode(),
                    Math.round(probability * 1000) / 1000.0,
                    probability >= thresholds.match(),
                    reasons));
        }
        found.sort((x, y) -> Double.compare(y.probability(), x.probability()));
        return found.subList(0, Math.min(MAXIMUM, found.size()));
    }

    private static String digits(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.replaceAll("[\\s.-]", "");
        return digits.matches("[0-9]{16}") ? digits : null;
    }
}
