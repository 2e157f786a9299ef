package id.lumbung.core.onboarding;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.user.UserAccount;
import id.lumbung.core.user.UserService;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One-time links to an account: the invitee chooses the password, so none travels. The token is
 * shown once, to whom invited; only its SHA-256 is kept; it works once, for {@value #VALID_DAYS} days.
 */
@Singleton
public final class Invitations {
    public static final int VALID_DAYS = 7;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Authorizer access;
    private final TenantTransactions transactions;
    private final OnboardingRows rows;
    private final UserService users;
    private final AuditLog audit;

    Invitations(
            Authorizer access,
            TenantTransactions transactions,
            OnboardingRows rows,
            UserService users,
            AuditLog audit) {
        this.access = access;
        this.transactions = transactions;
        this.rows = rows;
        this.users = users;
        this.audit = audit;
    }

    /**
     * An invitation and its token (shown once).
     *
     * @param path where the invitee chooses a password: {@code /undangan/<token>}
     */
    public record Invitation(
            UUID id, String tenantId, String username, Set<Role> roles, Instant expiresAt, String token, String path) {}

    /**
     * Invites someone to an account of the tenant: its admin anyone working tenant-wide; the
     * platform (onboarding) only the first tenant admin of a tenant that has none.
     */
    public Invitation invite(Caller caller, String tenantId, String username, List<String> roleNames) {
        Set<Role> roles = users.invitableRoles(roleNames);
        access.requireAccount(caller, tenantId, roles);
        boolean firstAdminOnly = !access.permits(caller, id.lumbung.core.access.Permission.USER_MANAGE, tenantId);
        return transactions.inTenant(tenantId, connection -> {
            if (firstAdminOnly && users.hasAnyLocked(connection, tenantId, roles)) {
                throw new LumbungException(
                        ErrorCode.TENANT_ADMIN_EXISTS, "The tenant has its admin; it invites its own users now");
            }
            return create(connection, caller, tenantId, username, roles);
        });
    }

    /** Creates an invitation inside the tenant's transaction (onboarding: the first admin). */
    Invitation create(java.sql.Connection connection, Caller caller, String tenantId, String username, Set<Role> roles)
            throws java.sql.SQLException {
        String name = users.checkedUsername(username);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        InvitationRow row = rows.save(new InvitationRow(
                UUID.randomUUID(),
                tenantId,
                name,
                roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")),
                hash(token),
                caller.username(),
                now,
                now.plus(Duration.ofDays(VALID_DAYS)),
                null));
        audit.record(connection, tenantId, caller, "INVITATION_CREATE", name, List.of("username", "roles"), "OK");
        return new Invitation(row.id(), tenantId, name, roles, row.expiresAt(), token, "/undangan/" + token);
    }

    /** The account an unused, unexpired token invites to, with the invitee's password; else {@code invitation_not_found}. */
    public UserAccount accept(String token, String password) {
        String hash = hash(token == null ? "" : token);
        String tenantId =
                transactions.platform(connection -> rows.tenantOfToken(hash)).orElseThrow(Invitations::unknown);
        return transactions.inTenant(tenantId, connection -> {
            InvitationRow invitation = rows.openByHash(tenantId, hash).orElseThrow(Invitations::unknown);
            Set<Role> roles = Arrays.stream(invitation.roles().split(","))
                    .map(Role::valueOf)
                    .collect(Collectors.toUnmodifiableSet());
            UserAccount account = users.createInvited(connection, tenantId, invitation.username(), roles, password);
            rows.use(tenantId, invitation.id());
            return account;
        });
    }

    /** What an invitation page shows before the password is chosen: the username and the tenant, or not found. */
    public record Pending(String tenantId, String username) {}

    public Pending pending(String token) {
        String hash = hash(token == null ? "" : token);
        String tenantId =
                transactions.platform(connection -> rows.tenantOfToken(hash)).orElseThrow(Invitations::unknown);
        return transactions.inTenant(tenantId, connection -> rows.openByHash(tenantId, hash)
                .map(row -> new Pending(tenantId, row.username()))
                .orElseThrow(Invitations::unknown));
    }

    private static LumbungException unknown() {
        return new LumbungException(
                ErrorCode.INVITATION_NOT_FOUND, "The invitation is unknown, used or expired: ask for a new one");
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
