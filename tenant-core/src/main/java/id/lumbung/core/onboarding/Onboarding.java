package id.lumbung.core.onboarding;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Role;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.region.RegionRepository;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantService;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A regency live the same day: onboarded from its Kemendagri code by the platform admin or its
 * province's admin, in one transaction with its province's template (approval chain, identity
 * thresholds) and the invitation of its first admin; then a checklist of what is still missing.
 */
@Singleton
public final class Onboarding {
    private final TenantService tenants;
    private final Invitations invitations;
    private final Authorizer access;
    private final TenantTransactions transactions;
    private final OnboardingRows rows;
    private final RegionRepository regions;
    private final AuditLog audit;
    private final double platformMatch;
    private final double platformReview;

    private final id.lumbung.core.connector.ConnectorCredentials credentials;

    Onboarding(
            TenantService tenants,
            Invitations invitations,
            Authorizer access,
            TenantTransactions transactions,
            OnboardingRows rows,
            RegionRepository regions,
            AuditLog audit,
            id.lumbung.core.connector.ConnectorCredentials credentials,
            @Value("${lumbung.identity.match-threshold:0.95}") double match,
            @Value("${lumbung.identity.review-threshold:0.5}") double review) {
        this.credentials = credentials;
        this.tenants = tenants;
        this.invitations = invitations;
        this.access = access;
        this.transactions = transactions;
        this.rows = rows;
        this.regions = regions;
        this.audit = audit;
        this.platformMatch = match;
        this.platformReview = review;
    }

    /**
     * A regency onboarded.
     *
     * @param invitation the first admin's invitation (its token shown this once), or {@code null}
     * @param templateApplied whether its province's template was applied
     */
    public record Onboarded(Tenant tenant, @Nullable Invitations.Invitation invitation, boolean templateApplied) {}

    /**
     * Onboards a regency/city (the platform admin, or the admin of its province: another province's
     * regency is refused, {@code 422 region_outside_province}) with its province's template and,
     * when {@code adminUsername} is given, the invitation of its first admin — all or nothing.
     */
    public Onboarded onboard(Caller caller, String regionCode, @Nullable String adminUsername) {
        String code = id.lumbung.core.region.RegionCode.normalise(regionCode);
        String tenantId = code.replace(".", "");
        if (!tenantId.matches("[0-9]{4}")) {
            // Not a regency's code: the tenant service says why (unknown region, not a regency).
            return new Onboarded(tenants.create(caller, code), null, false);
        }
        return transactions.inTenant(tenantId, connection -> {
            Tenant tenant = tenants.create(caller, code);
            boolean applied = applyTemplate(caller, tenant);
            Invitations.Invitation invitation = adminUsername == null || adminUsername.isBlank()
                    ? null
                    : invitations.create(connection, caller, tenant.id(), adminUsername, Authorizer.FIRST_ACCOUNT);
            audit.record(
                    connection,
                    tenant.id(),
                    caller,
                    "TENANT_ONBOARD",
                    tenant.id(),
                    applied ? List.of("tenant", "approval_chain", "identity_settings") : List.of("tenant"),
                    "OK");
            return new Onboarded(tenant, invitation, applied);
        });
    }

    private boolean applyTemplate(Caller caller, Tenant tenant) {
        return rows.template(tenant.provinceId())
                .map(template -> {
                    int position = 1;
                    for (Step step : parse(template.approvalChain())) {
                        rows.addStep(tenant.id(), position++, step.role(), step.label());
                    }
                    rows.setThresholds(
                            tenant.id(), template.matchThreshold(), template.reviewThreshold(), caller.username());
                    return true;
                })
                .orElse(false);
    }

    /** A step of a template's approval chain. */
    public record Step(String role, String label) {}

    /** A province's template for its new regencies; {@code set} false: the national defaults. */
    public record Template(
            String provinceId,
            List<Step> approvalChain,
            double matchThreshold,
            double reviewThreshold,
            boolean set,
            @Nullable String updatedBy,
            @Nullable Instant updatedAt) {}

    public Template template(Caller caller, String provinceId) {
        String province = province(caller, provinceId);
        return transactions
                .platform(connection -> rows.template(province))
                .map(found -> new Template(
                        province,
                        parse(found.approvalChain()),
                        found.matchThreshold(),
                        found.reviewThreshold(),
                        true,
                        found.updatedBy(),
                        found.updatedAt()))
                .orElseGet(() -> new Template(
                        province,
                        Authorizer.DEFAULT_CHAIN.stream()
                                .map(step -> new Step(step.role().name(), step.label()))
                                .toList(),
                        platformMatch,
                        platformReview,
                        false,
                        null,
                        null));
    }

    /** Sets the province's template (for regencies onboarded from now on; those already onboarded keep theirs). */
    public Template saveTemplate(
            Caller caller, String provinceId, List<Step> chain, double matchThreshold, double reviewThreshold) {
        String province = province(caller, provinceId);
        if (chain == null || chain.isEmpty() || chain.size() > 9) {
            throw invalidChain("A chain has from 1 to 9 steps");
        }
        Set<Role> seen = new HashSet<>();
        List<String> lines = new ArrayList<>();
        for (Step step : chain) {
            Role role;
            try {
                role = Role.valueOf(
                        step == null || step.role() == null
                                ? ""
                                : step.role().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalidChain("Unknown role " + (step == null ? null : step.role()));
            }
            if (!access.mayApproveAt(role) || !seen.add(role)) {
                throw invalidChain(role + " cannot decide at a step, or decides at two");
            }
            String label = step.label() == null ? "" : step.label().strip();
            if (label.isEmpty() || label.length() > 100 || label.contains("|") || label.contains("\n")) {
                throw invalidChain("A step's label has 1 to 100 characters, without | or a line break");
            }
            lines.add(role.name() + "|" + label);
        }
        if (!(reviewThreshold > 0 && reviewThreshold <= matchThreshold && matchThreshold < 1)) {
            throw new LumbungException(
                    ErrorCode.VALIDATION_FAILED, "Thresholds: 0 < reviewThreshold <= matchThreshold < 1");
        }
        transactions.platform(connection -> rows.saveTemplate(
                province, String.join("\n", lines), matchThreshold, reviewThreshold, caller.username()));
        return template(caller, province);
    }

    private String province(Caller caller, String provinceId) {
        regions.find(provinceId == null ? "" : provinceId)
                .filter(region -> region.level() == id.lumbung.core.region.RegionLevel.PROVINCE)
                .orElseThrow(() ->
                        new LumbungException(ErrorCode.PROVINCE_NOT_FOUND, "No province has the code " + provinceId));
        access.overseen(caller, Permission.PROVINCE_TEMPLATE, provinceId);
        return provinceId;
    }

    private static List<Step> parse(String chain) {
        List<Step> steps = new ArrayList<>();
        for (String line : chain.split("\n")) {
            int bar = line.indexOf('|');
            steps.add(new Step(line.substring(0, bar), line.substring(bar + 1)));
        }
        return steps;
    }

    private static LumbungException invalidChain(String why) {
        return new LumbungException(ErrorCode.INVALID_APPROVAL_CHAIN, why);
    }

    /**
     * One item of a tenant's checklist.
     *
     * @param key a stable name ({@code admin}, {@code verifier}, {@code approval_chain}, {@code dukcapil}, {@code
     *     import}, {@code verification})
     * @param label what it is, in Bahasa Indonesia
     * @param done whether it is done; {@code null}: Lumbung cannot tell yet
     * @param detail what is there, in Bahasa Indonesia
     */
    public record Item(String key, String label, @Nullable Boolean done, String detail) {}

    /** The regency's own Dukcapil credentials: done once Dukcapil accepted them. */
    private static Item dukcapil(id.lumbung.core.connector.ConnectorCredential entered) {
        String label = "Kredensial Dukcapil kabupaten/kota dicoba dan diterima";
        if (!entered.set()) {
            return new Item("dukcapil", label, false, "belum diisi (sementara memakai kredensial platform, bila ada)");
        }
        String who = "user id " + entered.userIdMasked();
        String outcome = entered.tryOutcome() == null ? "" : entered.tryOutcome();
        return switch (outcome) {
            case "OK" -> new Item("dukcapil", label, true, who + ", diterima Dukcapil");
            case "WAITING" -> new Item("dukcapil", label, false, who + ", sedang dicoba");
            case "REFUSED" -> new Item("dukcapil", label, false, who + ", ditolak Dukcapil: " + entered.tryMessage());
            case "UNREACHABLE" ->
                new Item("dukcapil", label, false, who + ", Dukcapil tidak dapat dihubungi: " + entered.tryMessage());
            default -> new Item("dukcapil", label, false, who + ", tersimpan, belum dicoba");
        };
    }

    /** What a new regency still lacks before it works, in Bahasa Indonesia. */
    public record Checklist(Tenant tenant, List<Item> items, long done, long total) {}

    public Checklist checklist(Caller caller, String tenantId) {
        Tenant tenant = access.require(caller, Permission.FIGURES_READ, tenantId);
        OnboardingRows.Progress p = transactions.inTenant(tenantId, connection -> rows.progress(tenantId));
        List<Item> items = List.of(
                new Item(
                        "admin",
                        "Admin Dinas Sosial sudah membuat akunnya",
                        p.admins() > 0,
                        p.admins() > 0
                                ? p.admins() + " admin"
                                : p.pendingInvitations() > 0 ? "undangan terkirim, belum dibuka" : "belum diundang"),
                new Item(
                        "verifier",
                        "Ada verifikator",
                        p.verifiers() > 0,
                        p.verifiers() + " verifikator dari " + p.users() + " pengguna"),
                new Item(
                        "approval_chain",
                        "Alur persetujuan ditetapkan",
                        p.approvalSteps() > 0,
                        p.approvalSteps() > 0
                                ? p.approvalSteps() + " tahap"
                                : "belum: berlaku alur nasional (Kepala Dinas, lalu Bupati/Wali Kota)"),
                dukcapil(credentials.of(tenantId, "DUKCAPIL")),
                new Item(
                        "import",
                        "Impor DTKS pertama",
                        p.firstImport() != null,
                        p.firstImport() != null ? p.households() + " keluarga" : "belum ada impor yang berhasil"),
                new Item(
                        "verification",
                        "Verifikasi Dukcapil pertama",
                        p.firstVerification() != null,
                        p.firstVerification() != null ? "sudah" : "belum pernah"));
        long done =
                items.stream().filter(item -> Boolean.TRUE.equals(item.done())).count();
        long total = items.stream().filter(item -> item.done() != null).count();
        return new Checklist(tenant, items, done, total);
    }
}
