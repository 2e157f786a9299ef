package id.lumbung.connectors.camel;

/**
 * An agency call that produced no business answer. {@link Kind} says what to do about it.
 * Its message never contains request or response bodies (they may hold a NIK).
 */
public final class AgencyException extends Exception {
    private final Kind kind;

    public AgencyException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public AgencyException(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** How a failed call is handled. */
    public enum Kind {
        /** Network error, timeout or 5xx: retried, counts for the circuit breaker. */
        TRANSPORT,
        /** Credentials, IP or institution rejected: retrying cannot help; an operator must act. */
        CONFIGURATION,
        /** Daily quota used up or outside access hours: wait for the window to reopen. */
        UNAVAILABLE,
        /** The agency says our request is malformed: our bug. */
        BAD_REQUEST
    }
}
