package id.lumbung.gateway.auth;

import id.lumbung.core.user.RefreshTokens;
import id.lumbung.core.user.UserAccount;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Signs access tokens (JWT) that say who the user is — its username and token version — and
 * nothing of its rights, which are read from the database at each request.
 */
@Singleton
final class TokenIssuer {
    private final TokenGenerator generator;
    private final RefreshTokens refreshTokens;
    private final JwtSettings settings;

    TokenIssuer(TokenGenerator generator, RefreshTokens refreshTokens, JwtSettings settings) {
        this.generator = generator;
        this.refreshTokens = refreshTokens;
        this.settings = settings;
    }

    /** An access token and a refresh token for the API. */
    TokenResponse tokensFor(UserAccount user) {
        return new TokenResponse(
                accessToken(user, settings.accessTokenExpiry()),
                refreshTokens.issue(user.id()),
                "Bearer",
                settings.accessTokenExpiry().toSeconds());
    }

    /** The admin UI's session token (kept in an HttpOnly cookie). */
    String uiSession(UserAccount user) {
        return accessToken(user, settings.uiSessionExpiry());
    }

    Duration uiSessionExpiry() {
        return settings.uiSessionExpiry();
    }

    private String accessToken(UserAccount user, Duration expiry) {
        Authentication authentication =
                Authentication.build(user.username(), List.of(), Map.of(Claims.VERSION, user.tokenVersion()));
        return generator
                .generateToken(authentication, (int) expiry.toSeconds())
                .orElseThrow(() -> new IllegalStateException("The JWT generator produced no token"));
    }
}
