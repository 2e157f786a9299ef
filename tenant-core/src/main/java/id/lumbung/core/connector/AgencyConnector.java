package id.lumbung.core.connector;

import java.time.Instant;

/** An agency's connector as operators see it (implemented by the connectors module). */
public interface AgencyConnector {

    /** The agency, e.g. {@code DUKCAPIL}. */
    String agency();

    /** How it does, in this process. */
    Status status();

    /**
     * An agency connector's state in this process.
     *
     * @param agency the agency
     * @param breakerState CLOSED, OPEN or HALF_OPEN
     * @param failureRate the breaker's failure rate in percent (-1 before it has enough calls)
     * @param inFlight calls in flight
     * @param answered answers written since start
     * @param ratePerSecond the rate limit
     * @param lastError the latest failure, if any
     * @param lastErrorAt when it happened
     */
    record Status(
            String agency,
            String breakerState,
            float failureRate,
            int inFlight,
            long answered,
            double ratePerSecond,
            String lastErrorKind,
            String lastError,
            Instant lastErrorAt) {}
}
