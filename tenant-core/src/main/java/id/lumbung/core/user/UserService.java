package id.lumbung.core.user;

import id.lumbung.core.access.Authorizer;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Role;
import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.database.TenantTransactions;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.region.Region;
import id.lumbung.core.region.RegionLevel;
import id.lumbung.core.region.RegionRepository;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantVillages;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Logging in, and managing users, their roles and village scopes. */
@Singleton
public final class UserService {
    /** BSSN guidance: at least 12 characters. */
    public static final int MINIMUM_PASSWORD_LENGTH = 12;
    /** Longer is not a password but a payload: refused, and never hashed at that length. */
    public static final int MAXIMUM_PASSWORD_LENGTH = 256;
    /** Failed logins in a row before the account is locked for a while. */
    public static final int FAILURES_BEFORE_LOCK = 5;

    private static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    private static final Duration LONGEST_LOCK = Duration.ofMinutes(30);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,64}");
    private static final Set<Role> TENANT_ROLES = Role.heldIn(Role.Level.TENANT);
    private static final Set<Role> PROVINCE_ROLES = Role.heldIn(Role.Level.PROVINCE);

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final TenantTransactions transactions;
    private final Authorizer access;
    private final RegionRepository regions;
    private final AuditLog audit;
    private final TenantVillages tenantVillages;
    private final String unknownUserHash;

    UserService(
            UserRepository users,
            PasswordHasher hasher,
            TenantTransactions transactions,
            Authorizer access,
            RegionRepository regions,
            AuditLog audit,
            TenantVillages tenantVillages) {
        this.tenantVillages = tenantVillages;
        this.users = users;
        this.hasher = hasher;
        this.transactions = transactions;
        this.access = access;
        this.regions = regions;
        this.audit = audit;
        this.unknownUserHash = hasher.hash(UUID.randomUUID().toString());
    }

    /**
     * The enabled, unlocked user with this name and password. An unknown name, a wrong password,
     * a disabled and a locked account all answer empty after the same work, so that nobody learns
     * from a login whether a user exists; {@value #FAILURES_BEFORE_LOCK} failures in a row lock
     * the account for a doubling while.
     */
    public Optional<UserAccount> authenticate(String username, String password) {
        Optional<UserAccount> user =
                USERNAME.matcher(username == null ? "" : username).matches()
                        ? users.findByUsername(username)
                        : Optional.empty();
        boolean acceptable = password != null && password.length() <= MAXIMUM_PASSWORD_LENGTH;
        boolean matches = hasher.matches(
                        acceptable ? password : "",
                        user.map(UserAccount::passwordHash).orElse(unknownUserHash))
                && acceptable;
        if (user.isEmpty()) {
            return Optional.empty();
        }
        UserAccount found = user.get();
        if (found.lockedUntil() != null && found.lockedUntil().isAfter(Instant.now())) {
            return Optional.empty();
        }
        if (!matches || !found.enabled()) {
            int failures = found.failedLogins() + 1;
            users.recordFailedLogin(
                    found.id(), failures >= FAILURES_BEFORE_LOCK ? Instant.now().plus(lockFor(failures)) : null);
            return Optional.empty();
        }
        users.recordSuccessfulLogin(found.id());
        return user;
    }

    /**
     * Logging in: {@link #authenticate}, and for an account that must choose a new password (a
     * bootstrapped first admin) the new password too — without one, {@code
     * password_change_required}, told only to whom gave the right password.
     */
    public Optional<UserAccount> logIn(String username, String password, String newPassword) {
        Optional<UserAccount> user = authenticate(username, password);
        if (user.isEmpty() || !users.mustChangePassword(user.get().id())) {
            return user;
        }
        if (newPassword == null || newPassword.isEmpty()) {
            throw new LumbungException(
                    ErrorCode.PASSWORD_CHANGE_REQUIRED, "Choose a new password (newPassword) to log in the first time");
        }
        if (newPassword.equals(password)) {
            throw new LumbungException(ErrorCode.PASSWORD_UNCHANGED, "The new password must differ from the old one");
        }
        users.changeOwnPassword(user.get().id(), hasher.hash(validPassword(newPassword)));
        return users.findById(user.get().id());
    }

    /**
     * A deployment's first day: creates the first platform admin, who must change this password at
     * the first login, unless a platform admin exists (then nothing happens: the setting is read
     * once). Answers whether it was created.
     */
    public boolean bootstrapPlatformAdmin(String username, String password) {
        return users.insertFirstPlatformAdmin(new UserAccount(
                UUID.randomUUID(),
                validUsername(username),
                hasher.hash(validPassword(password)),
                Role.heldIn(Role.Level.PLATFORM),
                null,
                null,
                true,
                0,
                0,
                null,
                Set.of()));
    }

    private static Duration lockFor(int failures) {
        Duration lock = FIRST_LOCK.multipliedBy(1L << Math.min(failures - FAILURES_BEFORE_LOCK, 10));
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    /**
     * Creates a user of a tenant, with roles and village scope, in one transaction (all or nothing):
     * by the tenant's admin, or — onboarding — by the platform admin, who creates only the first
     * tenant admin of a tenant that has none.
     */
    public UserAccount createTenantUser(Caller caller, String tenantId, NewUser request) {
        boolean manages = managesUsersOrOnboards(caller, tenantId);
        Set<Role> roles = parseRoles(request.roles(), TENANT_ROLES);
        Tenant tenant = access.requireAccount(caller, tenantId, roles);
        Set<String> villages = villagesOf(tenant, roles, request.villageCodes());
        UserAccount user = new UserAccount(
                UUID.randomUUID(),
                validUsername(request.username()),
                hasher.hash(validPassword(request.password())),
                roles,
                tenantId,
                null,
                true,
                0,
                0,
                null,
                villages);
        transactions.inTenant(tenantId, connection -> {
            // Onboarding ends with the first admin (enabled or not): the tenant manages its own
            // users from then on. Checked under a lock, so two onboardings cannot both pass.
            if (!manages && users.anyWithRolesLocked(connection, tenantId, roles)) {
                throw new LumbungException(
                        ErrorCode.TENANT_ADMIN_EXISTS, "The tenant has its admin; it manages its own users now");
            }
            if (!users.insert(connection, user)) {
                throw usernameTaken(user.username());
            }
            users.replaceVillages(connection, tenantId, user.id(), villages);
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    "USER_CREATE",
                    user.username(),
                    List.of("username", "roles", "villages"),
                    "OK");
            return null;
        });
        return user;
    }

    /**
     * The roles an invitation may name, checked: tenant roles that work in the whole tenant (a
     * village operator or field worker is created with its villages, by the tenant's admin).
     */
    public Set<Role> invitableRoles(List<String> names) {
        Set<Role> roles = parseRoles(names, TENANT_ROLES);
        if (access.needVillages(roles)) {
            throw new LumbungException(
                    ErrorCode.ROLE_NOT_ALLOWED_HERE,
                    "A role working in villages is created with its villages, not invited");
        }
        return roles;
    }

    /** A username as an account would have it; {@code invalid_username} otherwise. */
    public String checkedUsername(String username) {
        String valid = validUsername(username);
        if (users.exists(valid)) {
            throw usernameTaken(valid);
        }
        return valid;
    }

    /**
     * Whether the tenant has an account with any of these roles, under the tenant's onboarding
     * lock (run inside the tenant's transaction): onboarding ends with the first admin.
     */
    public boolean hasAnyLocked(java.sql.Connection connection, String tenantId, Set<Role> roles) {
        try {
            return users.anyWithRolesLocked(connection, tenantId, roles);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates the account an invitation named, with the password its invitee chose, inside the
     * tenant's transaction (the one-time link is the credential; audited as the invitee's own act).
     */
    public UserAccount createInvited(
            java.sql.Connection connection, String tenantId, String username, Set<Role> roles, String password)
            throws java.sql.SQLException {
        UserAccount user = new UserAccount(
                UUID.randomUUID(),
                validUsername(username),
                hasher.hash(validPassword(password)),
                roles,
                tenantId,
                null,
                true,
                0,
                0,
                null,
                Set.of());
        if (!users.insert(connection, user)) {
            throw usernameTaken(user.username());
        }
        audit.record(
                connection,
                tenantId,
                user.toCaller(null),
                "USER_CREATE",
                user.username(),
                List.of("username", "roles", "invitation"),
                "OK");
        return user;
    }

    /** Creates the admin of a province (platform admin only). */
    public UserAccount createProvinceAdmin(Caller caller, String provinceId, NewUser request) {
        access.requirePlatform(caller, Permission.PROVINCE_ADMIN_MANAGE);
        Region province = regions.find(provinceId)
                .filter(region -> region.level() == RegionLevel.PROVINCE)
                .orElseThrow(() ->
                        new LumbungException(ErrorCode.PROVINCE_NOT_FOUND, "No province has the code " + provinceId));
        Set<Role> roles = parseRoles(
                request.roles() == null || request.roles().isEmpty()
                        ? PROVINCE_ROLES.stream().map(Role::name).toList()
                        : request.roles(),
                PROVINCE_ROLES);
        UserAccount user = new UserAccount(
                UUID.randomUUID(),
                validUsername(request.username()),
                hasher.hash(validPassword(request.password())),
                roles,
                null,
                province.code(),
                true,
                0,
                0,
                null,
                Set.of());
        transactions.platform(connection -> {
            if (!users.insert(connection, user)) {
                throw usernameTaken(user.username());
            }
            return null;
        });
        return user;
    }

    /** The users of a tenant. */
    public List<UserAccount> tenantUsers(Caller caller, String tenantId) {
        access.require(caller, Permission.USER_READ, tenantId);
        return users.findByTenant(tenantId);
    }

    /** One user of a tenant. */
    public UserAccount tenantUser(Caller caller, String tenantId, String username) {
        access.require(caller, Permission.USER_READ, tenantId);
        return tenantUser(tenantId, username);
    }

    /** Replaces roles and village scope; tokens issued before stop working. */
    public UserAccount changeRoles(
            Caller caller, String tenantId, String username, List<String> roleNames, List<String> villageCodes) {
        Tenant tenant = access.require(caller, Permission.USER_MANAGE, tenantId);
        UserAccount user = tenantUser(tenantId, username);
        Set<Role> roles = parseRoles(roleNames, TENANT_ROLES);
        Set<String> villages = villagesOf(tenant, roles, villageCodes);
        transactions.inTenant(tenantId, connection -> {
            users.update(connection, user.id(), roles, null, null);
            users.replaceVillages(connection, tenantId, user.id(), villages);
            audit.record(
                    connection, tenantId, caller, "USER_ROLES_CHANGE", username, List.of("roles", "villages"), "OK");
            return null;
        });
        return users.findById(user.id()).orElseThrow();
    }

    /** Disables or enables a user; disabling revokes every token at once. */
    public UserAccount setEnabled(Caller caller, String tenantId, String username, boolean enabled) {
        access.require(caller, Permission.USER_MANAGE, tenantId);
        UserAccount user = tenantUser(tenantId, username);
        transactions.inTenant(tenantId, connection -> {
            users.update(connection, user.id(), null, null, enabled);
            audit.record(
                    connection,
                    tenantId,
                    caller,
                    enabled ? "USER_ENABLE" : "USER_DISABLE",
                    username,
                    List.of("enabled"),
                    "OK");
            return null;
        });
        return users.findById(user.id()).orElseThrow();
    }

    /**
     * Sets a new password (and unlocks); tokens issued before stop working. The tenant admin
     * resets anyone's; the platform admin only a tenant admin's (a regency locked out of its own
     * platform), audited in the tenant's log where its DPO sees it.
     */
    public void resetPassword(Caller caller, String tenantId, String username, String newPassword) {
        managesUsersOrOnboards(caller, tenantId);
        UserAccount user = tenantUser(tenantId, username);
        access.requireAccount(caller, tenantId, user.roles());
        String hash = hasher.hash(validPassword(newPassword));
        transactions.inTenant(tenantId, connection -> {
            users.update(connection, user.id(), null, hash, null);
            audit.record(connection, tenantId, caller, "USER_PASSWORD_RESET", username, List.of("password"), "OK");
            return null;
        });
    }

    /** Creates or resets a user without a caller: the demo seed and onboarding scripts. */
    public UserAccount createOrReset(String username, String password, Role role, String tenantId, String provinceId) {
        return users.upsert(new UserAccount(
                UUID.randomUUID(),
                validUsername(username),
                hasher.hash(validPassword(password)),
                Set.of(role),
                tenantId,
                provinceId,
                true,
                0,
                0,
                null,
                Set.of()));
    }

    /** As {@link #createOrReset}, for a user working in named villages (the demo's village operator). */
    public UserAccount createOrResetInVillages(
            String username, String password, Role role, String tenantId, java.util.Collection<String> villages) {
        UserAccount user = createOrReset(username, password, role, tenantId, null);
        transactions.inTenant(tenantId, connection -> {
            users.replaceVillages(connection, tenantId, user.id(), villages);
            return null;
        });
        return users.findByUsername(username).orElseThrow();
    }

    /**
     * Whether the caller manages the tenant's users; if not, it must at least onboard (a refusal
     * comes before any name is looked up, so it tells nothing of who exists).
     */
    private boolean managesUsersOrOnboards(Caller caller, String tenantId) {
        if (access.permits(caller, Permission.USER_MANAGE, tenantId)) {
            return true;
        }
        access.require(caller, Permission.TENANT_ADMIN_ONBOARD, tenantId);
        return false;
    }

    private UserAccount tenantUser(String tenantId, String username) {
        return users.requireInTenant(tenantId, username);
    }

    private Set<String> villagesOf(Tenant tenant, Set<Role> roles, List<String> codes) {
        Set<String> villages = new LinkedHashSet<>();
        for (String raw : codes == null ? List.<String>of() : codes) {
            villages.add(tenantVillages.require(tenant, raw));
        }
        if (villages.isEmpty() && access.needVillages(roles)) {
            throw new LumbungException(
                    ErrorCode.VILLAGE_SCOPE_REQUIRED, "A village operator or field worker needs at least one village");
        }
        return villages;
    }

    private static Set<Role> parseRoles(List<String> names, Set<Role> allowed) {
        if (names == null || names.isEmpty()) {
            throw new LumbungException(ErrorCode.ROLE_REQUIRED, "A user needs at least one role");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            Role role;
            try {
                role = Role.valueOf(name);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new LumbungException(ErrorCode.UNKNOWN_ROLE, "Unknown role: " + name);
            }
            if (!allowed.contains(role)) {
                throw new LumbungException(ErrorCode.ROLE_NOT_ALLOWED_HERE, "Role " + role + " cannot be given here");
            }
            roles.add(role);
        }
        return roles;
    }

    private static String validUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new LumbungException(
                    ErrorCode.INVALID_USERNAME, "A username has 3 to 64 letters, digits, dots, dashes or underscores");
        }
        return username;
    }

    private static String validPassword(String password) {
        if (password == null || password.length() < MINIMUM_PASSWORD_LENGTH) {
            throw new LumbungException(
                    ErrorCode.WEAK_PASSWORD, "A password needs at least " + MINIMUM_PASSWORD_LENGTH + " characters");
        }
        if (password.length() > MAXIMUM_PASSWORD_LENGTH) {
            throw new LumbungException(
                    ErrorCode.PASSWORD_TOO_LONG, "A password has at most " + MAXIMUM_PASSWORD_LENGTH + " characters");
        }
        return password;
    }

    private static LumbungException usernameTaken(String username) {
        return new LumbungException(ErrorCode.USERNAME_TAKEN, "The username " + username + " is already taken");
    }
}
