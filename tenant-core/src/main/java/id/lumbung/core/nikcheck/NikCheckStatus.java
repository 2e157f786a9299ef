package id.lumbung.core.nikcheck;

/** Where a NIK check is. */
public enum NikCheckStatus {
    /** Written to the outbox, not yet sent. */
    QUEUED,
    /** Sent at least once without an answer; will be sent again. */
    RETRYING,
    /** Dukcapil answered; see the result. */
    DONE,
    /** Given up after the configured attempts; an operator must look. */
    FAILED
}
