package id.lumbung.gateway.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Every token must expire, and soon: a token without {@code exp}, or whose {@code exp} lies
 * further ahead than {@code lumbung.jwt.max-token-lifetime} (plus a minute of clock skew), is
 * refused — ours and the OpenID Connect provider's alike. (Micronaut's own check refuses only
 * tokens already expired.)
 */
@Singleton
final class ExpiryValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final Duration maximum;

    ExpiryValidator(JwtSettings settings) {
        this.maximum = settings.maxTokenLifetime();
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        Instant expiry = instant(claims.get(Claims.EXPIRATION_TIME));
        return expiry != null && !expiry.isAfter(Instant.now().plus(maximum).plus(SKEW));
    }

    private static Instant instant(Object claim) {
        if (claim instanceof Date date) {
            return date.toInstant();
        }
        if (claim instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        if (claim instanceof Instant instant) {
            return instant;
        }
        return null;
    }
}
