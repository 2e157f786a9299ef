package id.lumbung.connectors.camel;

/**
 * An agency call that produced no business answer. {@link Kind} says what to do about it.
 * Its message never contains request or response bodies (they may hold a NIK).
 */
public final class AgencyException extends Exception {
    private final Kind kind;
    private final transient java.time.Instant resumeAt;

    public AgencyException(Kind kind, String message) {
        this(kind, message, (java.time.Instant) null);
    }

    public AgencyException(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.resumeAt = null;
    }

    /** A {@link Kind#QUOTA} or {@link Kind#OUTSIDE_HOURS} answer that says when the agency serves again. */
    public AgencyException(Kind kind, String message, java.time.Instant resumeAt) {
        super(message, null, false, false);
        this.kind = kind;
        this.resumeAt = resumeAt;
    }

    public Kind kind() {
        return kind;
    }

    /** When calls may resume, if the agency said so; {@code null} otherwise. */
    public java.time.Instant resumeAt() {
        return resumeAt;
    }

    /** How a failed call is handled. */
    public enum Kind {
        /** Network error, timeout or 5xx: retried, counts for the circuit breaker. */
        TRANSPORT,
        /** Credentials, IP or institution rejected: retrying cannot help; an operator must act. */
        CONFIGURATION,
        /** The daily quota is used up: wait for it to reset. */
        QUOTA,
        /** Outside the agency's access hours: wait for them to begin. */
        OUTSIDE_HOURS,
        /** The agency says our request is malformed: a dead letter at once. */
        BAD_REQUEST,
        /**
         * This one message can never succeed as it is (one school's token refused, while the
         * tenant's other schools work): a dead letter at once, with the reason; nothing is paused.
         */
        REJECTED,
        /**
         * Our side cannot handle it now (our database busy or away): the message waits and is
         * tried again, without counting against the agency's breaker.
         */
        LATER,
        /**
         * Our data or our code failed before or after the call (a row we cannot read, an answer
         * we cannot write): a dead letter at once, counted as our error, never as the agency's.
         */
        INTERNAL
    }
}
