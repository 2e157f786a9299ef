package id.lumbung.core.onboarding;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.region.Region;
import id.lumbung.core.region.RegionCode;
import id.lumbung.core.region.RegionLevel;
import id.lumbung.core.region.RegionRepository;
import id.lumbung.core.tenant.TenantRepository;
import id.lumbung.core.user.UserService;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * A regency asks to join: its social office names a contact and its first admin on a public form;
 * its province's admin (or the platform's) approves — the regency is onboarded with the
 * province's template and the admin invited, in one transaction — or refuses, saying why.
 */
@Singleton
public final class JoinRequests {
    private final JoinRequestRows rows;
    private final TenantTransactions transactions;
    private final RegionRepository regions;
    private final TenantRepository tenants;
    private final UserService users;
    private final Authorizer access;
    private final Onboarding onboarding;

    JoinRequests(
            JoinRequestRows rows,
            TenantTransactions transactions,
            RegionRepository regions,
            TenantRepository tenants,
            UserService users,
            Authorizer access,
            Onboarding onboarding) {
        this.rows = rows;
        this.transactions = transactions;
        this.regions = regions;
        this.tenants = tenants;
        this.users = users;
        this.access = access;
        this.onboarding = onboarding;
    }

    /** A regency's request (no login: the province decides). */
    public JoinRequestRow ask(
            String regionCode, String contactName, String contactPosition, String adminUsername, String note) {
        String code = RegionCode.normalise(regionCode == null ? "" : regionCode);
        Region region = regions.find(code)
                .orElseThrow(() -> new LumbungException(
                        ErrorCode.UNKNOWN_REGION, "No regency or city has the Kemendagri code " + code));
        if (region.level() != RegionLevel.REGENCY) {
            throw new LumbungException(
                    ErrorCode.REGION_NOT_REGENCY, "A tenant is a regency or city (a code like 74.71), not " + code);
        }
        if (tenants.findById(code.replace(".", "")).isPresent()) {
            throw new LumbungException(ErrorCode.TENANT_EXISTS, "Tenant " + code + " is on the platform already");
        }
        String username = users.checkedUsername(adminUsername);
        UUID id = UUID.randomUUID();
        int opened = transactions.platform(connection -> rows.open(
                id,
                region.code(),
                region.parentCode(),
                text(contactName, "contactName", 3, 100),
                text(contactPosition, "contactPosition", 3, 100),
                username,
                note == null || note.isBlank() ? null : text(note, "note", 1, 500)));
        if (opened == 0) {
            throw new LumbungException(
                    ErrorCode.JOIN_REQUEST_PENDING,
                    "A request of " + region.code() + " waits for its province already");
        }
        return transactions.platform(connection -> rows.findById(id)).orElseThrow();
    }

    /** The province's requests, those waiting first. */
    public List<JoinRequestRow> list(Caller caller, String provinceId) {
        access.overseen(caller, Permission.TENANT_ONBOARD, provinceId);
        return transactions.platform(connection -> rows.ofProvince(provinceId));
    }

    /** Approves a waiting request: the regency onboarded, its admin invited (the link shown once). */
    public Onboarding.Onboarded approve(Caller caller, String provinceId, UUID id) {
        access.overseen(caller, Permission.TENANT_ONBOARD, provinceId);
        return transactions.platform(connection -> {
            JoinRequestRow request = waiting(provinceId, id);
            Onboarding.Onboarded onboarded = onboarding.onboard(caller, request.regionCode(), request.adminUsername());
            rows.decide(id, "APPROVED", caller.username(), null);
            return onboarded;
        });
    }

    /** Refuses a waiting request, saying why. */
    public JoinRequestRow reject(Caller caller, String provinceId, UUID id, String reason) {
        access.overseen(caller, Permission.TENANT_ONBOARD, provinceId);
        String why = text(reason, "reason", 3, 500);
        return transactions.platform(connection -> {
            waiting(provinceId, id);
            rows.decide(id, "REJECTED", caller.username(), why);
            return rows.findById(id).orElseThrow();
        });
    }

    private JoinRequestRow waiting(String provinceId, UUID id) {
        JoinRequestRow request = rows.lock(id)
                .filter(found -> found.provinceId().equals(provinceId))
                .orElseThrow(
                        () -> new LumbungException(ErrorCode.JOIN_REQUEST_NOT_FOUND, "No request " + id + " here"));
        if (!"PENDING".equals(request.state())) {
            throw new LumbungException(
                    ErrorCode.JOIN_REQUEST_DECIDED, "The request was " + request.state() + " already");
        }
        return request;
    }

    private static String text(String value, String field, int shortest, int longest) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.length() < shortest || stripped.length() > longest) {
            throw new LumbungException(
                    ErrorCode.VALIDATION_FAILED, field + ": " + shortest + " to " + longest + " characters");
        }
        return stripped;
    }
}
