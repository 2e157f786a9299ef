package id.lumbung.gateway.user;

import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Permission;
import id.lumbung.core.access.Permits;
import id.lumbung.core.user.NewUser;
import id.lumbung.core.user.UserAccount;
import id.lumbung.core.user.UserService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;

/** Users of tenants and provinces: creation, roles and village scopes, disabling, password resets. */
@Controller("/api/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "users")
@SecurityRequirement(name = "bearer")
class UserController {
    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @Permits(value = Permission.USER_MANAGE, orElse = Permission.TENANT_ADMIN_ONBOARD)
    @Post(value = "/tenants/{tenantId}/users", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user of the tenant with roles and village scope (tenant admin)")
    HttpResponse<UserResponse> createTenantUser(
            @PathVariable String tenantId, @Valid @Body CreateUserRequest body, Caller caller) {
        UserAccount user = users.createTenantUser(caller, tenantId, body.toNewUser());
        return HttpResponse.created(
                UserResponse.from(user), URI.create("/api/v1/tenants/" + tenantId + "/users/" + user.username()));
    }

    @Permits(Permission.USER_READ)
    @Get("/tenants/{tenantId}/users")
    @Operation(summary = "The users of the tenant (tenant admin)")
    List<UserResponse> list(@PathVariable String tenantId, Caller caller) {
        return users.tenantUsers(caller, tenantId).stream()
                .map(UserResponse::from)
                .toList();
    }

    @Permits(Permission.USER_READ)
    @Get("/tenants/{tenantId}/users/{username}")
    @Operation(summary = "One user of the tenant (tenant admin)")
    UserResponse get(@PathVariable String tenantId, @PathVariable String username, Caller caller) {
        return UserResponse.from(users.tenantUser(caller, tenantId, username));
    }

    @Permits(Permission.USER_MANAGE)
    @Put(value = "/tenants/{tenantId}/users/{username}/roles", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a user's roles and village scope; the user's tokens are revoked")
    UserResponse changeRoles(
            @PathVariable String tenantId,
            @PathVariable String username,
            @Valid @Body RolesRequest body,
            Caller caller) {
        return UserResponse.from(users.changeRoles(caller, tenantId, username, body.roles(), body.villageCodes()));
    }

    @Permits(Permission.USER_MANAGE)
    @Post("/tenants/{tenantId}/users/{username}/disable")
    @Operation(summary = "Disable a user; the user's tokens are revoked at once")
    UserResponse disable(@PathVariable String tenantId, @PathVariable String username, Caller caller) {
        return UserResponse.from(users.setEnabled(caller, tenantId, username, false));
    }

    @Permits(Permission.USER_MANAGE)
    @Post("/tenants/{tenantId}/users/{username}/enable")
    @Operation(summary = "Enable a disabled user")
    UserResponse enable(@PathVariable String tenantId, @PathVariable String username, Caller caller) {
        return UserResponse.from(users.setEnabled(caller, tenantId, username, true));
    }

    @Permits(value = Permission.USER_MANAGE, orElse = Permission.TENANT_ADMIN_ONBOARD)
    @Post(value = "/tenants/{tenantId}/users/{username}/password", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password (at least 12 characters); the user's tokens are revoked")
    HttpResponse<Void> resetPassword(
            @PathVariable String tenantId,
            @PathVariable String username,
            @Valid @Body PasswordRequest body,
            Caller caller) {
        users.resetPassword(caller, tenantId, username, body.password());
        return HttpResponse.noContent();
    }

    @Permits(Permission.PROVINCE_ADMIN_MANAGE)
    @Post(value = "/provinces/{provinceId}/users", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a province admin (platform admin)")
    HttpResponse<UserResponse> createProvinceUser(
            @PathVariable String provinceId, @Valid @Body CreateUserRequest body, Caller caller) {
        UserAccount user = users.createProvinceAdmin(caller, provinceId, body.toNewUser());
        return HttpResponse.created(UserResponse.from(user));
    }

    /**
     * A user to create.
     *
     * @param username 3 to 64 letters, digits, dots, dashes or underscores
     * @param password at least 12 characters
     * @param roles e.g. {@code ["VERIFIER"]}; province users default to {@code PROVINCE_ADMIN}
     * @param villageCodes Kemendagri village codes for village operators and field workers
     */
    @Serdeable
    record CreateUserRequest(
            @NotNull @Size(max = 64) String username,
            @NotNull @Size(max = 256) String password,
            @Nullable @Size(max = 16) List<@NotNull @Size(max = 32) String> roles,
            @Nullable @Size(max = 1_000) List<@NotNull @Size(max = 13) String> villageCodes) {
        NewUser toNewUser() {
            return new NewUser(username, password, roles, villageCodes);
        }

        @Override
        public String toString() {
            return "CreateUserRequest[username=" + username + ", roles=" + roles + "]";
        }
    }

    /**
     * New roles and village scope.
     *
     * @param roles role names
     * @param villageCodes village codes
     */
    @Serdeable
    record RolesRequest(
            @NotNull @Size(max = 16) List<@NotNull @Size(max = 32) String> roles,
            @Nullable @Size(max = 1_000) List<@NotNull @Size(max = 13) String> villageCodes) {}

    /**
     * A new password.
     *
     * @param password at least 12 characters
     */
    @Serdeable
    record PasswordRequest(@NotNull @Size(max = 256) String password) {
        @Override
        public String toString() {
            return "PasswordRequest[***]";
        }
    }

    /**
     * A user, without secrets.
     *
     * @param username the login name
     * @param roles the roles
     * @param tenantId the tenant, for tenant users
     * @param provinceId the province, for province users
     * @param villageCodes the village scope
     * @param enabled whether the user may log in
     */
    @Serdeable
    record UserResponse(
            String username,
            List<String> roles,
            String tenantId,
            String provinceId,
            List<String> villageCodes,
            boolean enabled) {
        static UserResponse from(UserAccount user) {
            return new UserResponse(
                    user.username(),
                    user.roles().stream().map(Enum::name).sorted().toList(),
                    user.tenantId(),
                    user.provinceId(),
                    user.villageCodes().stream().sorted().toList(),
                    user.enabled());
        }
    }
}
