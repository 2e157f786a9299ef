package id.lumbung.core.nikcheck;

import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/**
 * The outbox payload of a NIK check: what the connector needs to ask Dukcapil.
 *
 * @param checkId the NIK check waiting for the answer
 * @param nikEncrypted the NIK, encrypted for the tenant (the payload is dropped once Dukcapil has answered)
 */
@Serdeable
public record NikCheckRequest(UUID checkId, String nikEncrypted) {
    /** The outbox agency of NIK checks. */
    public static final String AGENCY = "DUKCAPIL";
    /** The outbox kind of NIK checks. */
    public static final String KIND = "NIK_CHECK";

    @Override
    public String toString() {
        return "NikCheckRequest[checkId=" + checkId + "]";
    }
}
