package id.lumbung.core.workflow;

import id.lumbung.core.access.Caller;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.household.RegistryField;
import id.lumbung.core.nik.Nik;
import id.lumbung.core.nikcheck.NikCheck;
import id.lumbung.core.nikcheck.NikCheckService;
import id.lumbung.core.nikcheck.NikCheckStatus;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantRepository;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The checks run when a proposal is submitted, each shown on its own line: the NIK and KK rules
 * of the field catalogue; the same NIK or KK already in this tenant's registry, in an open
 * proposal, or in another regency of the province; a deceased head; members turning 17 (KTP-el
 * recording); the NIK among Dapodik's pupils; and Dukcapil asked through the connector (pending
 * until it answers, then read with the proposal).
 */
@Singleton
final class ProposalChecks {
    static final String OK = "OK";
    static final String WARNING = "WARNING";
    static final String FAILED = "FAILED";
    static final String PENDING = "PENDING";
    static final String DUKCAPIL = "dukcapil";

    private final TenantTransactions transactions;
    private final TenantRepository tenants;
    private final IdentityIndex index;
    private final NikCheckService nikChecks;
    private final io.micronaut.json.JsonMapper json;

    private final id.lumbung.core.protection.IdentifierProtection protection;
    private final id.lumbung.core.identity.IdentityLookup lookup;

    ProposalChecks(
            TenantTransactions transactions,
            TenantRepository tenants,
            IdentityIndex index,
            NikCheckService nikChecks,
            id.lumbung.core.protection.IdentifierProtection protection,
            id.lumbung.core.identity.IdentityLookup lookup,
            io.micronaut.json.JsonMapper json) {
        this.lookup = lookup;
        this.json = json;
        this.protection = protection;
        this.transactions = transactions;
        this.tenants = tenants;
        this.index = index;
        this.nikChecks = nikChecks;
    }

    /** Rules of a NIK and a KK as the catalogue reads them (a warning is kept, a refusal fails the check). */
    static List<Proposal.Check> rules(String nik, String kk) {
        List<Proposal.Check> checks = new ArrayList<>();
        if (nik != null) {
            checks.add(rule("nik_rules", "nik", "NIK", RegistryField.NOMOR_NIK, nik));
        }
        if (kk != null) {
            checks.add(rule("kk_rules", "kk", "Nomor KK", RegistryField.NOMOR_KK, kk));
        }
        return checks;
    }

    private static Proposal.Check rule(String code, String field, String name, RegistryField rule, String value) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        rule.read(value, new RegistryField.Problems() {
            @Override
            public void error(RegistryField f, String reason, String message) {
                errors.add(message + " (" + reason + ")");
            }

            @Override
            public void warning(RegistryField f, String reason, String message) {
                warnings.add(message + " (" + reason + ")");
            }
        });
        if (!errors.isEmpty()) {
            return new Proposal.Check(code, field, FAILED, String.join("; ", errors), null);
        }
        if (!warnings.isEmpty()) {
            return new Proposal.Check(code, field, WARNING, String.join("; ", warnings), null);
        }
        return new Proposal.Check(code, field, OK, name + " sesuai aturan", null);
    }

    /**
     * The NIK and KK across the province: this tenant's registry and the other regencies', read in
     * one transaction allowed every tenant of the province (nothing but counts and iddtks leave it).
     */
    List<Proposal.Check> acrossProvince(Tenant tenant, ProposalRow proposal, String nik) {
        List<Proposal.Check> checks = new ArrayList<>();
        List<Tenant> all = tenants.findAll();
        List<String> province = all.stream()
                .filter(other -> other.provinceId().equals(tenant.provinceId()))
                .map(Tenant::id)
                .toList();
        Map<String, String> names = all.stream().collect(Collectors.toMap(Tenant::id, Tenant::name));
        List<IdentityIndex.Found> byNik = proposal.nikIndex() == null
                ? List.of()
                : transactions.inTenants(province, connection -> index.membersByNik(proposal.nikIndex()));
        List<IdentityIndex.Found> byKk = proposal.kkIndex() == null
                ? List.of()
                : transactions.inTenants(province, connection -> index.householdsByKk(proposal.kkIndex()));
        boolean adding = Proposal.Kind.valueOf(proposal.kind()) == Proposal.Kind.ADD;
        IdentityIndex.Found here = find(byNik, tenant.id());
        if (proposal.nikIndex() != null) {
            if (here == null) {
                checks.add(new Proposal.Check(
                        "duplicate_tenant", "nik", OK, "NIK belum terdaftar di DTKS kabupaten/kota ini", null));
            } else {
                checks.add(new Proposal.Check(
                        "duplicate_tenant",
                        "nik",
                        adding ? FAILED : OK,
                        "NIK sudah terdaftar di DTKS kabupaten/kota ini"
                                + (here.iddtks() == null ? "" : " (" + here.iddtks() + ")")
                                + ("DECEASED".equals(here.status()) ? ", tercatat meninggal" : ""),
                        null));
            }
        }
        IdentityIndex.Found kkHere = find(byKk, tenant.id());
        if (proposal.kkIndex() != null && kkHere != null && adding) {
            checks.add(new Proposal.Check(
                    "duplicate_kk",
                    "kk",
                    WARNING,
                    "Nomor KK sudah dipakai " + kkHere.households() + " keluarga di DTKS"
                            + (kkHere.iddtks() == null ? "" : " (" + kkHere.iddtks() + ")")
                            + ": satu KK, satu keluarga",
                    null));
        }
        List<String> elsewhere = new ArrayList<>();
        for (IdentityIndex.Found found : concat(byNik, byKk)) {
            if (!found.tenantId().equals(tenant.id())) {
                String name = names.getOrDefault(found.tenantId(), found.tenantId());
                if (!elsewhere.contains(name)) {
                    elsewhere.add(name);
                }
            }
        }
        if (adding && here == null) {
            checks.addAll(nearNik(tenant, province, names, proposal, nik));
            checks.add(samePerson(tenant, proposal, nik));
        }
        checks.add(
                elsewhere.isEmpty()
                        ? new Proposal.Check(
                                "duplicate_province",
                                "nik",
                                OK,
                                "Tidak terdaftar di kabupaten/kota lain di provinsi ini",
                                null)
                        : new Proposal.Check(
                                "duplicate_province",
                                "nik",
                                WARNING,
                                "NIK atau KK juga terdaftar di " + String.join(", ", elsewhere)
                                        + ": pastikan keluarga tidak tercatat dua kali",
                                null));
        return checks;
    }

    /**
     * A family proposed with a NIK a slip away from a registered person's whose name is alike
     * (identity resolution's rule, {@link id.lumbung.core.identity.NikSlips}): perhaps the same
     * person with a mistyped NIK. Another regency's person is named by its regency and iddtks only.
     */
    private List<Proposal.Check> nearNik(
            Tenant tenant, List<String> province, Map<String, String> names, ProposalRow proposal, String nik) {
        List<String> slips = id.lumbung.core.identity.NikSlips.of(nik);
        if (slips.isEmpty()) {
            return List.of();
        }
        List<String> indexes = slips.stream().map(protection::blindIndex).toList();
        List<IdentityIndex.Near> near = transactions.inTenants(province, connection -> index.membersByNikIn(indexes));
        List<String> alike = new ArrayList<>();
        for (IdentityIndex.Near found : near) {
            if (!id.lumbung.core.identity.NikSlips.namesAlike(proposal.headName(), found.fullName())) {
                continue;
            }
            String where = found.tenantId().equals(tenant.id())
                    ? found.fullName() + (found.iddtks() == null ? "" : " (" + found.iddtks() + ")")
                    : names.getOrDefault(found.tenantId(), found.tenantId())
                            + (found.iddtks() == null ? "" : " (" + found.iddtks() + ")");
            if (!alike.contains(where)) {
                alike.add(where);
            }
        }
        if (alike.isEmpty()) {
            return List.of(new Proposal.Check(
                    "nik_slip",
                    "nik",
                    OK,
                    "Tidak ada NIK terdaftar yang hanya beda salah ketik dengan nama mirip",
                    null));
        }
        return List.of(new Proposal.Check(
                "nik_slip",
                "nik",
                WARNING,
                "NIK ini hanya beda satu angka atau dua angka tertukar dengan orang terdaftar bernama mirip: "
                        + String.join(", ", alike) + ". Mungkin orang yang sama: periksa salah ketik NIK",
                null));
    }

    /**
     * The head proposed against the regency's registry by identity resolution's lookup (one
     * record, scored with the tenant's weights): a registered person of a like name in the same
     * village, or with a NIK a slip away, perhaps listed already under another NIK or none.
     */
    private Proposal.Check samePerson(Tenant tenant, ProposalRow proposal, String nik) {
        String kk = proposal.kkEncrypted() == null ? null : protection.decrypt(tenant.id(), proposal.kkEncrypted());
        List<id.lumbung.core.identity.IdentityLookup.Match> found = lookup.near(
                tenant.id(),
                new id.lumbung.core.identity.IdentityLookup.Probe(
                        nik, kk, proposal.headName(), null, null, proposal.villageCode()));
        if (found.isEmpty()) {
            return new Proposal.Check(
                    "same_person",
                    "head_name",
                    OK,
                    "Tidak ada orang terdaftar yang mirip dengan kepala keluarga ini",
                    null);
        }
        List<String> named = found.stream()
                .limit(3)
                .map(match -> match.fullName() + (match.iddtks() == null ? "" : " (" + match.iddtks() + ")") + ", "
                        + Math.round(match.probability() * 100) + "%")
                .toList();
        return new Proposal.Check(
                "same_person",
                "head_name",
                WARNING,
                "Mungkin sudah terdaftar: " + String.join("; ", named)
                        + ". Periksa apakah orang yang sama sebelum mengusulkan keluarga baru",
                null);
    }

    /** The checks on this tenant's own data, in the submission's transaction. */
    List<Proposal.Check> inTenant(String tenantId, ProposalRow proposal) {
        List<Proposal.Check> checks = new ArrayList<>();
        if (proposal.nikIndex() != null) {
            long open = index.openProposalsWithNik(tenantId, proposal.nikIndex(), proposal.id());
            checks.add(
                    open == 0
                            ? new Proposal.Check(
                                    "open_proposal", "nik", OK, "Tidak ada usulan lain yang masih berjalan", null)
                            : new Proposal.Check(
                                    "open_proposal",
                                    "nik",
                                    WARNING,
                                    open + " usulan lain untuk NIK ini masih berjalan",
                                    null));
            long pupils = index.studentsWithNik(tenantId, proposal.nikIndex());
            if (pupils > 0) {
                checks.add(new Proposal.Check("dapodik", "nik", OK, "Tercatat sebagai peserta didik di Dapodik", null));
            }
        }
        if (proposal.householdId() != null) {
            long deceased = index.deceasedHeads(tenantId, proposal.householdId());
            long living = index.livingHeads(tenantId, proposal.householdId());
            if (deceased > 0 && living == 0) {
                checks.add(new Proposal.Check(
                        "deceased_head",
                        "household",
                        WARNING,
                        "Kepala keluarga tercatat meninggal: tunjuk kepala keluarga baru agar keluarga tidak keluar"
                                + " dari DTKS",
                        null));
            }
            LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Jakarta"));
            long turning = index.turningSeventeen(
                    tenantId,
                    proposal.householdId(),
                    today.minusYears(17),
                    today.minusYears(17).plusMonths(6));
            if (turning > 0) {
                checks.add(new Proposal.Check(
                        "turning_17",
                        "household",
                        WARNING,
                        turning + " anggota berusia 17 tahun dalam enam bulan: pastikan perekaman KTP-el",
                        null));
            }
        }
        return checks;
    }

    /** Checks as a proposal keeps them (JSON). */
    String write(List<Proposal.Check> checks) {
        try {
            return json.writeValueAsString(checks);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Dukcapil asked through the connector, in the submission's transaction: pending until it answers. */
    Proposal.Check askDukcapil(Connection connection, Caller caller, String tenantId, String nik) throws SQLException {
        NikCheck queued = nikChecks.queueFor(connection, caller, tenantId, Nik.parse(nik));
        return new Proposal.Check(DUKCAPIL, "nik", PENDING, "Menunggu jawaban Dukcapil", queued.id());
    }

    /** The checks with Dukcapil's answers read in (inside a tenant transaction). */
    List<Proposal.Check> withAnswers(List<Proposal.Check> checks) {
        List<UUID> waiting = checks.stream()
                .filter(check -> PENDING.equals(check.outcome()) && check.reference() != null)
                .map(Proposal.Check::reference)
                .toList();
        if (waiting.isEmpty()) {
            return checks;
        }
        Map<UUID, NikCheck> answers =
                nikChecks.byIds(waiting).stream().collect(Collectors.toMap(NikCheck::id, Function.identity()));
        return checks.stream()
                .map(check -> {
                    NikCheck answer = check.reference() == null ? null : answers.get(check.reference());
                    if (answer == null || !PENDING.equals(check.outcome())) {
                        return check;
                    }
                    if (answer.status() == NikCheckStatus.FAILED) {
                        return check.answered(WARNING, "Dukcapil tidak dapat dihubungi: periksa ulang NIK ini");
                    }
                    if (answer.status() != NikCheckStatus.DONE) {
                        return check;
                    }
                    return switch (answer.result()) {
                        case FOUND -> check.answered(OK, "NIK ditemukan di Dukcapil");
                        case DECEASED -> check.answered(FAILED, "Dukcapil mencatat pemilik NIK telah meninggal");
                        case MULTIPLE ->
                            check.answered(WARNING, "Dukcapil menemukan lebih dari satu data: periksa manual");
                        case NOT_FOUND -> check.answered(FAILED, "NIK tidak ditemukan di Dukcapil");
                        case INACTIVE -> check.answered(FAILED, "NIK tidak aktif di Dukcapil");
                        case INVALID -> check.answered(FAILED, "Dukcapil menolak NIK ini");
                    };
                })
                .toList();
    }

    private static IdentityIndex.Found find(List<IdentityIndex.Found> found, String tenantId) {
        return found.stream()
                .filter(one -> one.tenantId().equals(tenantId))
                .findFirst()
                .orElse(null);
    }

    private static List<IdentityIndex.Found> concat(List<IdentityIndex.Found> a, List<IdentityIndex.Found> b) {
        List<IdentityIndex.Found> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
