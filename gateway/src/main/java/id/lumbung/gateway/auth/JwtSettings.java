package id.lumbung.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Token lifetimes ({@code lumbung.jwt.*}); the signing secret is {@code LUMBUNG_JWT_SECRET}.
 *
 * @param accessTokenExpiry lifetime of an API access token: short, refresh tokens renew it
 * @param uiSessionExpiry lifetime of the admin UI's session cookie
 */
@ConfigurationProperties("lumbung.jwt")
record JwtSettings(
        @Bindable(defaultValue = "15m") Duration accessTokenExpiry,
        @Bindable(defaultValue = "60m") Duration uiSessionExpiry) {}
