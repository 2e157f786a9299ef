package id.lumbung.connectors.bank;

import id.lumbung.core.connector.AgencyStandIns;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configured banks: one SNAP client each, built from its profile (or from the standIn's
 * endpoint and keys when the profile says {@code simulated}). Refuses to start on a profile
 * with missing credentials or unreadable keys.
 */
@Singleton
public final class BankConnectors {
    private final Map<String, SnapBankClient> clients = new TreeMap<>();

    BankConnectors(List<BankProfile> profiles, JsonMapper json, @Nullable AgencyStandIns.Bank standIn) {
        for (BankProfile profile : profiles) {
            clients.put(profile.name(), new SnapBankClient(profile, endpoint(profile, standIn), json));
        }
    }

    private static SnapBankClient.Endpoint endpoint(BankProfile profile, AgencyStandIns.Bank standIn) {
        String setting = "lumbung.connectors.banks." + profile.code().toLowerCase(Locale.ROOT);
        if (profile.baseUrl() == null || profile.baseUrl().isBlank()) {
            if (!profile.simulated() || standIn == null) {
                throw new ConfigurationException(setting + ".base-url is not set (and no bank simulator runs: set"
                        + " it, or start in demo mode with " + setting + ".simulated=true)");
            }
            return new SnapBankClient.Endpoint(
                    standIn.baseUrl(),
                    standIn.clientId(),
                    standIn.clientSecret(),
                    standIn.clientPrivateKey(),
                    standIn.bankPublicKey());
        }
        if (blank(profile.clientId())
                || blank(profile.clientSecret())
                || blank(profile.privateKey())
                || blank(profile.bankPublicKey())) {
            throw new ConfigurationException(setting + ": client-id, client-secret, private-key and bank-public-key"
                    + " are required (secrets: from the environment)");
        }
        try {
            return new SnapBankClient.Endpoint(
                    profile.baseUrl(),
                    profile.clientId(),
                    profile.clientSecret(),
                    SnapSignatures.privateKey(profile.privateKey()),
                    SnapSignatures.publicKey(profile.bankPublicKey()));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(setting + ": " + e.getMessage());
        }
    }

    public Set<String> codes() {
        return clients.keySet();
    }

    /** The bank's client; {@code bank_not_found} (404) for a code no profile has. */
    public SnapBankClient client(String bankCode) {
        SnapBankClient client = clients.get(bankCode == null ? "" : bankCode.toUpperCase(Locale.ROOT));
        if (client == null) {
            throw new LumbungException(ErrorCode.BANK_NOT_FOUND, "No bank " + bankCode + " is configured");
        }
        return client;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
