package id.lumbung.connectors.camel;

import id.lumbung.core.connector.ConnectorControl.PauseReason;
import id.lumbung.core.error.LumbungException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.LongUnaryOperator;

/**
 * What a failed call leads to, decided without Camel, a database or the time of day of its own:
 * which outcome the metrics count, whether the tenant's queue pauses and until when, how long
 * the message waits, and whether it becomes a dead letter. Only {@link AgencyException.Kind#TRANSPORT},
 * {@link AgencyException.Kind#CONFIGURATION}, {@link AgencyException.Kind#QUOTA}, {@link
 * AgencyException.Kind#OUTSIDE_HOURS}, {@link AgencyException.Kind#BAD_REQUEST} and {@link
 * AgencyException.Kind#REJECTED} are the agency's; {@link AgencyException.Kind#LATER} and
 * {@link AgencyException.Kind#INTERNAL} are ours and never counted against it.
 */
final class FailurePolicy {
    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
    /** Outside access hours with no opening time given: look again in an hour. */
    static final Duration OUT_OF_HOURS = Duration.ofHours(1);

    /**
     * What to do about one failure.
     *
     * @param outcome what the metrics count
     * @param agencysFault whether it tells anything about the agency
     * @param pause the pause of the tenant's queue, or {@code null}
     * @param pauseUntil until when ({@code null}: until an operator resumes it)
     * @param retryIn how long the message waits before its next attempt
     * @param deadLetter whether it is given up
     */
    record Decision(
            ConnectorMetrics.Outcome outcome,
            boolean agencysFault,
            PauseReason pause,
            Instant pauseUntil,
            Duration retryIn,
            boolean deadLetter) {}

    private final int maxAttempts;
    private final Duration maxRetryDelay;
    private final ZoneId quotaZone;
    private final Clock clock;
    private final LongUnaryOperator jitter;

    /**
     * @param jitter given a bound, a number from 0 to it (random in production)
     */
    FailurePolicy(int maxAttempts, Duration maxRetryDelay, ZoneId quotaZone, Clock clock, LongUnaryOperator jitter) {
        this.maxAttempts = maxAttempts;
        this.maxRetryDelay = maxRetryDelay;
        this.quotaZone = quotaZone;
        this.clock = clock;
        this.jitter = jitter;
    }

    /** The decision for a failure of a message claimed {@code attempts} times. */
    Decision decide(AgencyException failure, int attempts) {
        boolean exhausted = attempts >= maxAttempts;
        return switch (failure.kind()) {
            case TRANSPORT ->
                new Decision(
                        ConnectorMetrics.Outcome.TRANSPORT_ERROR, true, null, null, delayAfter(attempts), exhausted);
            case CONFIGURATION ->
                new Decision(
                        ConnectorMetrics.Outcome.CONFIGURATION_ERROR,
                        true,
                        PauseReason.CONFIGURATION,
                        null,
                        Duration.ZERO,
                        false);
            case QUOTA ->
                new Decision(
                        ConnectorMetrics.Outcome.UNAVAILABLE,
                        true,
                        PauseReason.QUOTA,
                        failure.resumeAt() != null ? failure.resumeAt() : nextMidnight(),
                        Duration.ZERO,
                        false);
            case OUTSIDE_HOURS ->
                new Decision(
                        ConnectorMetrics.Outcome.UNAVAILABLE,
                        true,
                        PauseReason.OUTSIDE_HOURS,
                        failure.resumeAt() != null
                                ? failure.resumeAt()
                                : clock.instant().plus(OUT_OF_HOURS),
                        Duration.ZERO,
                        false);
            case LATER ->
                new Decision(
                        ConnectorMetrics.Outcome.INTERNAL_ERROR, false, null, null, delayAfter(attempts), exhausted);
            case BAD_REQUEST ->
                new Decision(ConnectorMetrics.Outcome.BAD_REQUEST, true, null, null, Duration.ZERO, true);
            case REJECTED -> new Decision(ConnectorMetrics.Outcome.REJECTED, true, null, null, Duration.ZERO, true);
            case INTERNAL ->
                new Decision(ConnectorMetrics.Outcome.INTERNAL_ERROR, false, null, null, Duration.ZERO, true);
        };
    }

    /** Exponential in the number of claims, capped, with up to 20% jitter so retries do not arrive together. */
    Duration delayAfter(int attempts) {
        long base = FIRST_RETRY_DELAY.toMillis() << Math.min(Math.max(attempts - 1, 0), 16);
        long capped = Math.min(base, maxRetryDelay.toMillis());
        return Duration.ofMillis(capped + jitter.applyAsLong(capped / 5));
    }

    /** When the daily quota resets: the next midnight where the quota is counted. */
    Instant nextMidnight() {
        return LocalDate.now(clock.withZone(quotaZone))
                .plusDays(1)
                .atStartOfDay(quotaZone)
                .toInstant();
    }

    /**
     * Our own failure as an outcome: {@link AgencyException.Kind#LATER} when our database is
     * busy or unreachable (a pool with no free connection, a dropped connection, a deadlock or a
     * cancelled statement), else {@link AgencyException.Kind#INTERNAL} — our data or our code,
     * never blamed on the agency. The reason names the error's class or stable code, never its
     * text (it may quote a row).
     */
    static AgencyException ours(Throwable e) {
        if (e instanceof LumbungException lumbung) {
            return new AgencyException(
                    AgencyException.Kind.INTERNAL, "internal: " + lumbung.code() + ": " + lumbung.getMessage());
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
            if (cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause.getClass().getSimpleName().contains("CannotGetJdbcConnection")
                    || (state != null
                            && (state.startsWith("08") // connection
                                    || state.startsWith("40") // serialization failure, deadlock
                                    || state.startsWith("53") // insufficient resources
                                    || state.equals("57014") // statement timeout
                                    || state.startsWith("57P")))) { // shutdown, cannot connect now
                return new AgencyException(
                        AgencyException.Kind.LATER,
                        "our database: " + cause.getClass().getSimpleName());
            }
        }
        return new AgencyException(
                AgencyException.Kind.INTERNAL, "internal: " + e.getClass().getSimpleName());
    }
}
