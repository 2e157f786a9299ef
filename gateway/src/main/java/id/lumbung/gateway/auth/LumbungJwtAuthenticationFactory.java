package id.lumbung.gateway.auth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import id.lumbung.ui.Callers;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.RolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Our own tokens become an authentication as they are; a token of the province's OpenID Connect
 * provider has its groups mapped to our roles and its tenant and province claims carried over.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
final class LumbungJwtAuthenticationFactory extends DefaultJwtAuthenticationFactory {
    private final OidcSettings oidc;

    LumbungJwtAuthenticationFactory(TokenConfiguration configuration, RolesFinder rolesFinder, OidcSettings oidc) {
        super(configuration, rolesFinder);
        this.oidc = oidc;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        JWTClaimsSet claims;
        try {
            claims = token.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (!oidc.trusts(claims.getIssuer())) {
            return super.createAuthentication(token);
        }
        Object name = claims.getClaim(oidc.usernameClaim());
        String username = "oidc:" + (name == null ? claims.getSubject() : name);
        Map<String, String> mapping = oidc.roles();
        Set<String> roles = new LinkedHashSet<>();
        if (claims.getClaim(oidc.rolesClaim()) instanceof Collection<?> groups) {
            groups.stream()
                    .map(String::valueOf)
                    .map(mapping::get)
                    .filter(role -> role != null)
                    .forEach(roles::add);
        }
        Map<String, Object> attributes = new HashMap<>();
        Object tenant = claims.getClaim(oidc.tenantClaim());
        attributes.put(Callers.TENANTS_CLAIM, tenant == null ? List.of() : List.of(String.valueOf(tenant)));
        Object province = claims.getClaim(oidc.provinceClaim());
        if (province != null) {
            attributes.put(Callers.PROVINCE_CLAIM, String.valueOf(province));
        }
        attributes.put("iss", claims.getIssuer());
        return Optional.of(Authentication.build(username, List.copyOf(roles), attributes));
    }
}
