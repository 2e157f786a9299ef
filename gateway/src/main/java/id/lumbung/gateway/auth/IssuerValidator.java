package id.lumbung.gateway.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/** Accepts tokens of Lumbung itself and of the configured OpenID Connect provider; nobody else's. */
@Singleton
final class IssuerValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {
    private final String ownIssuer;
    private final OidcSettings oidc;

    IssuerValidator(ApplicationConfiguration application, OidcSettings oidc) {
        this.ownIssuer = application.getName().orElseThrow();
        this.oidc = oidc;
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        Object issuer = claims.get(Claims.ISSUER);
        return ownIssuer.equals(String.valueOf(issuer)) || oidc.trusts(issuer);
    }
}
