package id.lumbung.core.connector;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A regency's own credentials for an agency, as shown: never the password, the user id masked.
 *
 * @param agency e.g. {@code DUKCAPIL}
 * @param set whether the regency stored its own (otherwise the platform's are used, if any)
 * @param userIdMasked its first two characters, the rest masked
 * @param ipUser the client IP address the agency registered, if any
 * @param tryOutcome the last try: {@code WAITING}, {@code OK}, {@code REFUSED}, {@code UNREACHABLE}, or none
 * @param tryMessage what the agency answered to it (never a credential)
 */
@Serdeable
public record ConnectorCredential(
        String agency,
        boolean set,
        @Nullable String userIdMasked,
        @Nullable String ipUser,
        @Nullable String setBy,
        @Nullable Instant setAt,
        @Nullable String tryOutcome,
        @Nullable String tryMessage,
        @Nullable Instant triedAt) {}
