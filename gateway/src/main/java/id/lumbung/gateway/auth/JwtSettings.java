package id.lumbung.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Token lifetimes ({@code lumbung.jwt.*}); the signing secret is {@code LUMBUNG_JWT_SECRET}.
 *
 * @param accessTokenExpiry lifetime of an API access token: short, refresh tokens renew it
 * @param uiSessionExpiry lifetime of the admin UI's session cookie
 * @param maxTokenLifetime the longest lifetime any accepted token may have left (ours or the
 *     OpenID Connect provider's); a token without expiry is refused
 */
@ConfigurationProperties("lumbung.jwt")
record JwtSettings(
        @Bindable(defaultValue = "15m") Duration accessTokenExpiry,
        @Bindable(defaultValue = "60m") Duration uiSessionExpiry,
        @Bindable(defaultValue = "60m") Duration maxTokenLifetime) {

    JwtSettings {
        if (accessTokenExpiry.compareTo(maxTokenLifetime) > 0 || uiSessionExpiry.compareTo(maxTokenLifetime) > 0) {
            throw new ConfigurationException("lumbung.jwt.access-token-expiry and ui-session-expiry cannot exceed"
                    + " lumbung.jwt.max-token-lifetime (" + maxTokenLifetime + ")");
        }
    }
}
