package id.lumbung.gateway.auth;

import id.lumbung.core.user.UserRepository;
import id.lumbung.ui.Callers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Refuses a token whose user is gone, disabled, or whose version is older than the user's:
 * disabling a user, changing roles or resetting a password revokes every token at once.
 */
@Singleton
final class TokenVersionValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {
    private final UserRepository users;
    private final OidcSettings oidc;

    TokenVersionValidator(UserRepository users, OidcSettings oidc) {
        this.users = users;
        this.oidc = oidc;
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        if (oidc.trusts(claims.get(Claims.ISSUER))) {
            // The provider's users are not ours to revoke: its tokens are short-lived, it disables them.
            return true;
        }
        Object subject = claims.get(Claims.SUBJECT);
        Object version = claims.get(Callers.VERSION_CLAIM);
        if (subject == null || !(version instanceof Number number)) {
            return false;
        }
        return users.activeTokenVersion(subject.toString())
                .map(current -> current == number.intValue())
                .orElse(false);
    }
}
