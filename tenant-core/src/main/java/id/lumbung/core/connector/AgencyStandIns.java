package id.lumbung.core.connector;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Where an agency stands in when none is configured: the agency simulators (module {@code
 * simulators}) implement these in demo mode and in tests. A connector is given its stand-in only
 * if one runs; it uses it only where no real endpoint is configured. Production code knows these
 * ports, never the simulators.
 */
public final class AgencyStandIns {
    private AgencyStandIns() {}

    /** The civil registry's web service: one institution account. */
    public interface Dukcapil {
        String baseUrl();

        String userId();

        String password();
    }

    /** The ministry's file exchange: one key per tenant. */
    public interface Kemensos {
        String baseUrl();

        String keyFor(String tenantId);
    }

    /** Schools' Dapodik web services: one token per school. */
    public interface Dapodik {
        String baseUrl();

        String tokenFor(String npsn);
    }

    /** A bank's SNAP API: our client account and keys, and the bank's public key. */
    public interface Bank {
        String baseUrl();

        String clientId();

        String clientSecret();

        PrivateKey clientPrivateKey();

        PublicKey bankPublicKey();
    }
}
