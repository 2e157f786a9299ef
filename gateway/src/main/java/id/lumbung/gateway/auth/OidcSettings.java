package id.lumbung.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.HashMap;
import java.util.Map;

/**
 * A province's own OpenID Connect provider ({@code lumbung.oidc.*}); its signing keys come from
 * {@code LUMBUNG_OIDC_JWKS_URL}. Tokens it issues are mapped to our roles and tenants.
 *
 * @param issuer the provider's {@code iss}; unset means no external provider is trusted
 * @param rolesClaim the claim listing the user's groups or roles at the provider
 * @param roleMapping provider group → our role, as {@code group=ROLE,group=ROLE}; unmapped groups grant nothing
 * @param tenantClaim the claim naming the user's tenant (regency/city code)
 * @param provinceClaim the claim naming a province admin's province
 * @param usernameClaim the claim used as the username (prefixed {@code oidc:} in the audit log)
 * @param province the province whose provider this is (e.g. {@code 74}): a tenant or province
 *     claim outside it grants nothing; unset, the provider is trusted for every province
 */
@ConfigurationProperties("lumbung.oidc")
public record OidcSettings(
        @Nullable String issuer,
        @Bindable(defaultValue = "groups") String rolesClaim,
        @Nullable String roleMapping,
        @Bindable(defaultValue = "lumbung_tenant") String tenantClaim,
        @Bindable(defaultValue = "lumbung_province") String provinceClaim,
        @Bindable(defaultValue = "preferred_username") String usernameClaim,
        @Nullable String province) {

    boolean trusts(Object issuerClaim) {
        return issuer != null && !issuer.isBlank() && issuer.equals(String.valueOf(issuerClaim));
    }

    /** Whether a tenant ({@code 7471}) or province ({@code 74}) code is within the provider's province. */
    boolean serves(String code) {
        return province == null || province.isBlank() || code.startsWith(province.strip());
    }

    Map<String, String> roles() {
        Map<String, String> mapping = new HashMap<>();
        if (roleMapping != null) {
            for (String pair : roleMapping.split(",")) {
                String[] parts = pair.strip().split("=", 2);
                if (parts.length == 2) {
                    mapping.put(parts[0].strip(), parts[1].strip());
                }
            }
        }
        return mapping;
    }
}
