package id.lumbung.gateway.auth;

import id.lumbung.core.access.Public;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.ratelimit.RateLimits;
import id.lumbung.core.user.RefreshTokens;
import id.lumbung.core.user.UserService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Login and token refresh for API clients. */
@Controller("/api/v1/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
class AuthController {
    private static final Logger LOG = LoggerFactory.getLogger(AuthController.class);

    private final UserService users;
    private final RefreshTokens refreshTokens;
    private final TokenIssuer issuer;
    private final RateLimits rateLimits;

    AuthController(UserService users, RefreshTokens refreshTokens, TokenIssuer issuer, RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.issuer = issuer;
    }

    @Public("logging in: who the caller is, not what it may do")
    @Post(value = "/login", consumes = MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Log in with a username and password (and a new password at the first login of an account that must change it: else 403 password_change_required); answers an access token and a refresh token")
    TokenResponse login(@Valid @Body LoginRequest request, HttpRequest<?> http) {
        rateLimits.login(http.getRemoteAddress().getAddress().getHostAddress(), request.username());
        return users.logIn(request.username(), request.password(), request.newPassword())
                .map(issuer::tokensFor)
                .orElseThrow(() -> {
                    // Never the name typed: it may be a password typed in the wrong field, or a NIK.
                    LOG.info(
                            "Failed login from {}",
                            http.getRemoteAddress().getAddress().getHostAddress());
                    return new LumbungException(ErrorCode.INVALID_CREDENTIALS, "Wrong username or password");
                });
    }

    @Public("a refresh token is its own credential; rights are read per request")
    @Post(value = "/refresh", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Exchange a refresh token (single use) for new tokens")
    TokenResponse refresh(@Valid @Body RefreshRequest request) {
        return refreshTokens
                .redeem(request.refreshToken())
                .map(issuer::tokensFor)
                .orElseThrow(() -> new LumbungException(
                        ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is unknown, used, revoked or expired"));
    }
}
