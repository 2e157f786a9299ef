package id.lumbung.connectors.camel;

import id.lumbung.core.connector.AgencyConnector;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.connector.ConnectorControl.PauseReason;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way every agency is called, once: a poll claims due outbox messages (fair across
 * tenants, none while the breaker is open, as many as there are free workers); each message
 * then goes, on a worker, through the tenant's pause and quota, the agency's rate limit, and a
 * resilience4j circuit breaker around a sub-route that redelivers transport errors with
 * exponential backoff and jitter. What comes back is classified:
 *
 * <ul>
 *   <li>an answer — a success or a business negative such as "Data Tidak Ditemukan" — is written
 *       back once (keyed by tenant and message id); no retry, the breaker sees a success;
 *   <li>a configuration error ("Login Gagal", wrong IP) pauses the connector for that tenant until
 *       an operator resumes it, and alerts; no retry storm, the breaker is not tripped;
 *   <li>quota used up or outside access hours pauses the tenant until the window reopens (the
 *       quota at midnight in {@code quotaZone});
 *   <li>a request the agency calls malformed is our bug: a dead letter at once;
 *   <li>a transport error is redelivered, counts for the breaker, and after the quick retries the
 *       message waits in the outbox (longer each time); after {@code maxAttempts} it becomes a
 *       dead letter with its reason.
 * </ul>
 */
public abstract class AgencyPipeline extends RouteBuilder implements AgencyConnector {
    private static final Logger LOG = LoggerFactory.getLogger(AgencyPipeline.class);
    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration PAUSE_RECHECK = Duration.ofSeconds(2);
    /** Outside access hours with no opening time given: look again in an hour. */
    private static final Duration OUT_OF_HOURS = Duration.ofHours(1);

    private static final String FAILURE = "LumbungFailure";
    private static final String SKIPPED = "LumbungSkipped";
    /**
     * Set on the worker's thread when the call sub-route ran (the breaker runs it on the caller's
     * thread, on a copy of the exchange): a fallback without it is the breaker refusing the call.
     */
    private static final ThreadLocal<Boolean> CALLED = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final String agency;
    private final PipelineSettings settings;
    private final Outbox outbox;
    private final ConnectorControl control;
    private final ConnectorMetrics metrics;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private ExecutorService workers;
    private ProducerTemplate producer;

    protected AgencyPipeline(
            String agency,
            PipelineSettings settings,
            Outbox outbox,
            ConnectorControl control,
            ConnectorMetrics metrics) {
        this.agency = agency;
        this.settings = settings;
        this.outbox = outbox;
        this.control = control;
        this.metrics = metrics;
        this.limiter = new RateLimiter(settings.ratePerSecond());
        this.breaker = CircuitBreaker.of(
                agency.toLowerCase(Locale.ROOT),
                CircuitBreakerConfig.custom()
                        // Sized for a low-volume link: a few calls decide, not the default hundred.
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(Math.max(settings.breakerWindow(), settings.breakerMinimumCalls()))
                        .minimumNumberOfCalls(settings.breakerMinimumCalls())
                        .failureRateThreshold(settings.breakerFailureRate())
                        .waitDurationInOpenState(settings.breakerOpenFor())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .automaticTransitionFromOpenToHalfOpenEnabled(true)
                        .build());
        breaker.getEventPublisher()
                .onStateTransition(event -> LOG.warn("{} circuit breaker: {}", agency, event.getStateTransition()));
        metrics.breaker(agency, () -> stateNumber(breaker.getState()), inFlight::get);
    }

    /**
     * Calls the agency for the message. A {@link AgencyException.Kind#TRANSPORT} failure is
     * thrown (retried, counted by the breaker); every other failure is thrown too and classified
     * here without a retry.
     *
     * @return the agency's answer (a success or a business negative)
     */
    protected abstract Object call(OutboxMessage message) throws AgencyException;

    /**
     * Writes the answer in the domain, once.
     *
     * @return {@code false} if the message had been answered already (nothing written)
     */
    protected abstract boolean record(OutboxMessage message, Object answer);

    /**
     * Records a failed attempt in the domain and the outbox (it must call {@link
     * Outbox#retryLater} in its transaction): the message waits {@code delay}, or becomes a dead
     * letter when {@code giveUp}.
     */
    protected abstract void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp);

    /**
     * Takes one more token of the agency's rate limit, for a call's second and later requests
     * (the next page, a status inquiry after a transfer): every request counts against the
     * agency's limit, not only the first.
     */
    protected final void pace() {
        limiter.acquire();
    }

    /** Whether an answer is a business negative (for the metrics); none by default. */
    protected boolean negative(Object answer) {
        return false;
    }

    @Override
    public String agency() {
        return agency;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public Status status() {
        return new Status(
                agency,
                breaker.getState().name(),
                breaker.getMetrics().getFailureRate(),
                inFlight.get(),
                answered.get(),
                settings.ratePerSecond(),
                lastError,
                lastErrorAt);
    }

    @Override
    public void configure() {
        String name = agency.toLowerCase(Locale.ROOT);
        String breakerBean = name + "CircuitBreaker";
        getContext().getRegistry().bind(breakerBean, breaker);
        workers = new ThreadPoolExecutor(
                settings.concurrency(),
                settings.concurrency(),
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "lumbung-" + name + "-worker");
                    thread.setDaemon(true);
                    return thread;
                });
        producer = getContext().createProducerTemplate();

        from("timer:" + name + ".outbox?period=" + settings.pollInterval().toMillis())
                .routeId(name + ".claim")
                .process(exchange -> claim());

        from("direct:" + name + ".deliver")
                .routeId(name + ".deliver")
                .process(this::admit)
                .filter(exchangeProperty(SKIPPED).isNull())
                .circuitBreaker()
                .resilience4jConfiguration()
                .circuitBreaker(breakerBean)
                .end()
                .to("direct:" + name + ".call")
                .onFallback()
                .process(this::retryLater)
                .end()
                .filter(exchangeProperty(LumbungHeaders.FALLBACK).isNull())
                .process(this::settle)
                .end()
                .end();

        from("direct:" + name + ".call")
                .routeId(name + ".call")
                .errorHandler(defaultErrorHandler()
                        .maximumRedeliveries(settings.redeliveries())
                        .redeliveryDelay(settings.redeliveryDelay().toMillis())
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .useCollisionAvoidance()
                        .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                        .logExhausted(false)
                        .logStackTrace(false))
                .process(this::invoke);
    }

    /** Stops the workers (on shutdown); claimed messages not yet called are claimed again after their lease. */
    public void shutdown() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** Claims as many due messages as there are free workers; none while the breaker is open. */
    private void claim() {
        CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            return;
        }
        int room = settings.concurrency() * 2 - inFlight.get();
        // Half-open: one probe at a time, not one a poll.
        int limit = state == CircuitBreaker.State.HALF_OPEN
                ? (inFlight.get() == 0 ? 1 : 0)
                : Math.min(settings.batchSize(), room);
        if (limit <= 0) {
            return;
        }
        List<OutboxMessage> claimed = outbox.claim(agency, limit, settings.lease());
        String route = "direct:" + agency.toLowerCase(Locale.ROOT) + ".deliver";
        for (OutboxMessage message : claimed) {
            inFlight.incrementAndGet();
            workers.execute(() -> {
                try {
                    producer.sendBody(route, message);
                } catch (RuntimeException e) {
                    // The class only: a database error's text may quote a row.
                    LOG.error(
                            "{} message {} of tenant {}: {}",
                            agency,
                            message.id(),
                            message.tenantId(),
                            e.getClass().getSimpleName());
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        }
    }

    /** The tenant's pause and quota. */
    private void admit(Exchange exchange) {
        CALLED.set(Boolean.FALSE);
        OutboxMessage message = exchange.getMessage().getBody(OutboxMessage.class);
        exchange.getMessage().setHeader(LumbungHeaders.TENANT_ID, message.tenantId());
        exchange.getMessage().setHeader(LumbungHeaders.MESSAGE_ID, message.id());
        if (paused(message.tenantId())) {
            outbox.release(message.tenantId(), message.id());
            exchange.setProperty(SKIPPED, Boolean.TRUE);
            return;
        }
        if (!control.consumeQuota(message.tenantId(), agency, settings.quotaPerTenantPerDay(), settings.quotaZone())) {
            pause(
                    message.tenantId(),
                    PauseReason.QUOTA,
                    "Daily quota of " + settings.quotaPerTenantPerDay() + " calls used",
                    nextMidnight());
            outbox.release(message.tenantId(), message.id());
            exchange.setProperty(SKIPPED, Boolean.TRUE);
        }
    }

    /**
     * Inside the breaker, on every delivery and redelivery: a token of the agency's rate limit
     * (a redelivery is a call too), then the call; only transport failures leave as exceptions,
     * the rest is an outcome.
     */
    private void invoke(Exchange exchange) throws AgencyException {
        OutboxMessage message = exchange.getMessage().getBody(OutboxMessage.class);
        exchange.removeProperty(FAILURE);
        CALLED.set(Boolean.TRUE);
        limiter.acquire();
        try {
            exchange.setProperty(LumbungHeaders.RESULT, call(message));
        } catch (AgencyException e) {
            if (e.kind() == AgencyException.Kind.TRANSPORT) {
                metrics.count(agency, message.tenantId(), ConnectorMetrics.Outcome.TRANSPORT_ERROR);
                throw e;
            }
            exchange.setProperty(FAILURE, e);
        } catch (Exception e) { // a database's SQLException arrives undeclared, as it was thrown
            // Our side, not the agency's: no breaker count. Our database busy or away: the message
            // waits and is tried again; our data or our code: a dead letter at once.
            LOG.error(
                    "{} message {} of tenant {} cannot be sent: {}",
                    agency,
                    message.id(),
                    message.tenantId(),
                    e.getClass().getSimpleName());
            exchange.setProperty(FAILURE, internal(e));
        }
    }

    /** After the breaker let the call through: write the answer, or handle a non-transport failure. */
    private void settle(Exchange exchange) {
        OutboxMessage message = exchange.getMessage().getBody(OutboxMessage.class);
        AgencyException failure = exchange.getProperty(FAILURE, AgencyException.class);
        if (failure == null) {
            Object answer = exchange.getProperty(LumbungHeaders.RESULT);
            boolean recorded;
            try {
                recorded = record(message, answer);
            } catch (Exception e) { // SQLException included: transactions rethrow it undeclared
                // The answer could not be written: never left to be claimed and called again forever.
                LOG.error(
                        "{} message {} of tenant {}: the answer cannot be written: {}",
                        agency,
                        message.id(),
                        message.tenantId(),
                        e.getClass().getSimpleName());
                failure = internal(e);
                settleFailure(message, failure);
                return;
            }
            if (recorded) {
                answered.incrementAndGet();
                metrics.count(
                        agency,
                        message.tenantId(),
                        negative(answer) ? ConnectorMetrics.Outcome.NEGATIVE : ConnectorMetrics.Outcome.SUCCESS);
            } else {
                metrics.count(agency, message.tenantId(), ConnectorMetrics.Outcome.DUPLICATE_RESULT);
                LOG.info(
                        "{} message {} of tenant {} was already answered; duplicate ignored",
                        agency,
                        message.id(),
                        message.tenantId());
            }
            return;
        }
        settleFailure(message, failure);
    }

    /** A failure that is not the agency's transport: classified, never retried blindly. */
    private void settleFailure(OutboxMessage message, AgencyException failure) {
        String reason = failure.kind().name().toLowerCase(Locale.ROOT) + ": " + failure.getMessage();
        noteError(reason);
        switch (failure.kind()) {
            case CONFIGURATION -> {
                metrics.count(agency, message.tenantId(), ConnectorMetrics.Outcome.CONFIGURATION_ERROR);
                pause(message.tenantId(), PauseReason.CONFIGURATION, failure.getMessage(), null);
                failed(message, Duration.ZERO, reason, false);
            }
            case QUOTA, OUTSIDE_HOURS -> {
                metrics.count(agency, message.tenantId(), ConnectorMetrics.Outcome.UNAVAILABLE);
                Instant until = failure.resumeAt() != null
                        ? failure.resumeAt()
                        : failure.kind() == AgencyException.Kind.QUOTA
                                ? nextMidnight()
                                : Instant.now().plus(OUT_OF_HOURS);
                pause(
                        message.tenantId(),
                        failure.kind() == AgencyException.Kind.QUOTA ? PauseReason.QUOTA : PauseReason.OUTSIDE_HOURS,
                        failure.getMessage(),
                        until);
                failed(message, Duration.ZERO, reason, false);
            }
            case LATER -> {
                metrics.count(agency, message.tenantId(), ConnectorMetrics.Outcome.INTERNAL_ERROR);
                Duration delay = delayAfter(message.attempts());
                boolean giveUp = message.attempts() >= settings.maxAttempts();
                try {
                    failed(message, delay, reason, giveUp);
                } catch (Exception e) {
                    // The database is still away: the lease runs out and the message is claimed again.
                    LOG.warn(
                            "{} message {} of tenant {} waits for its lease: {}",
                            agency,
                            message.id(),
                            message.tenantId(),
                            e.getClass().getSimpleName());
                }
            }
            default -> {
                metrics.count(
                        agency,
                        message.tenantId(),
                        failure.kind() == AgencyException.Kind.REJECTED
                                ? ConnectorMetrics.Outcome.REJECTED
                                : ConnectorMetrics.Outcome.BAD_REQUEST);
                LOG.error(
                        "{} message {} of tenant {} failed for good: {}",
                        agency,
                        message.id(),
                        message.tenantId(),
                        failure.getMessage());
                failed(message, Duration.ZERO, reason, true);
            }
        }
    }

    /** The breaker's fallback: the call failed after its redeliveries, or the breaker did not let it through. */
    private void retryLater(Exchange exchange) {
        exchange.setProperty(LumbungHeaders.FALLBACK, Boolean.TRUE);
        OutboxMessage message = exchange.getMessage().getBody(OutboxMessage.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        if (cause instanceof CallNotPermittedException || !CALLED.get()) {
            // Not an attempt: the message goes back and is claimed when the breaker lets calls through.
            metrics.count(agency, message.tenantId(), ConnectorMetrics.Outcome.NOT_PERMITTED_BY_BREAKER);
            outbox.release(message.tenantId(), message.id());
            return;
        }
        String reason = describe(cause);
        noteError(reason);
        Duration delay = delayAfter(message.attempts());
        boolean giveUp = message.attempts() >= settings.maxAttempts();
        failed(message, delay, reason, giveUp);
        LOG.warn(
                "{} message {} of tenant {}: attempt {} failed ({}); {}",
                agency,
                message.id(),
                message.tenantId(),
                message.attempts(),
                reason,
                giveUp ? "now a dead letter" : "next attempt in " + delay.toMillis() + " ms");
    }

    /**
     * Our own failure as an outcome: {@link AgencyException.Kind#LATER} when our database is
     * busy or unreachable (a pool with no free connection, a dropped connection, a deadlock or a
     * cancelled statement), else {@link AgencyException.Kind#BAD_REQUEST} — our data or our code.
     * The reason names the error's class or stable code, never its text (it may quote a row).
     */
    static AgencyException internal(Throwable e) {
        if (e instanceof LumbungException lumbung) {
            return new AgencyException(
                    AgencyException.Kind.BAD_REQUEST, "internal: " + lumbung.code() + ": " + lumbung.getMessage());
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
                AgencyException.Kind.BAD_REQUEST, "internal: " + e.getClass().getSimpleName());
    }

    private boolean paused(String tenantId) {
        Instant until = pausedUntil.get(tenantId);
        if (until == null) {
            return false;
        }
        if (Instant.now().isBefore(until)) {
            return true;
        }
        // Look again: an operator may have resumed it, or the window reopened.
        var pause = control.pauseOf(tenantId, agency);
        if (pause.isEmpty()) {
            pausedUntil.remove(tenantId);
            return false;
        }
        pausedUntil.put(tenantId, recheckBy(pause.get().pausedUntil()));
        return true;
    }

    private void pause(String tenantId, PauseReason reason, String message, Instant until) {
        control.pause(tenantId, agency, reason, message, until);
        pausedUntil.put(tenantId, recheckBy(until));
    }

    private static Instant recheckBy(Instant until) {
        Instant soon = Instant.now().plus(PAUSE_RECHECK);
        return until == null || until.isAfter(soon) ? soon : until;
    }

    private Instant nextMidnight() {
        return LocalDate.now(settings.quotaZone())
                .plusDays(1)
                .atStartOfDay(settings.quotaZone())
                .toInstant();
    }

    private void noteError(String reason) {
        lastError = reason;
        lastErrorAt = Instant.now();
    }

    /** Exponential in the number of claims, capped, with up to 20% jitter so retries do not arrive together. */
    private Duration delayAfter(int attempts) {
        long base = FIRST_RETRY_DELAY.toMillis() << Math.min(Math.max(attempts - 1, 0), 16);
        long capped = Math.min(base, settings.maxRetryDelay().toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 5 + 1));
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        if (cause instanceof AgencyException agency) {
            return agency.kind().name().toLowerCase(Locale.ROOT) + ": " + agency.getMessage();
        }
        return cause.getClass().getSimpleName();
    }

    private static int stateNumber(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }
}
