package id.lumbung.connectors.camel;

import id.lumbung.core.connector.AgencyConnector;
import id.lumbung.core.connector.ConnectorControl;
import id.lumbung.core.connector.ConnectorControl.PauseReason;
import id.lumbung.core.logging.LogContext;
import id.lumbung.core.observability.Tracing;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import id.lumbung.core.ratelimit.SharedBuckets;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private static final Duration PAUSE_RECHECK = Duration.ofSeconds(2);

    private static final String FAILURE = "LumbungFailure";
    private static final String SKIPPED = "LumbungSkipped";
    /** The exchange's property holding the message's trace context (the breaker copies exchanges). */
    private static final String TRACE = "lumbung.trace";

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
    private final Tracing tracing;
    private final CircuitBreaker breaker;
    private final SharedBuckets.Rate limiter;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Map<String, MessageHandler<?>> handlers = new ConcurrentHashMap<>();
    private final FailurePolicy policy;
    private volatile String lastErrorKind;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private ExecutorService workers;
    private ProducerTemplate producer;

    protected AgencyPipeline(
            String agency,
            PipelineSettings settings,
            Outbox outbox,
            ConnectorControl control,
            ConnectorMetrics metrics,
            SharedBuckets buckets,
            Tracing tracing) {
        this.agency = agency;
        this.tracing = tracing;
        this.settings = settings;
        this.outbox = outbox;
        this.control = control;
        this.metrics = metrics;
        // One rate for the agency, whatever the number of worker processes (decision 0026).
        this.limiter = buckets.rate(agency, settings.ratePerSecond());
        this.policy = new FailurePolicy(
                settings.maxAttempts(),
                settings.maxRetryDelay(),
                settings.quotaZone(),
                Clock.systemUTC(),
                bound -> ThreadLocalRandom.current().nextLong(bound + 1));
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

    /** Handles messages of one kind with their own typed call, answer and effect. */
    protected final <A> void handle(String kind, MessageHandler<A> handler) {
        handlers.put(kind, handler);
    }

    /** An answer with the handler that knows what it means. */
    private record Answer<A>(MessageHandler<A> handler, A value) {
        static <A> Answer<A> of(MessageHandler<A> handler, OutboxMessage message) throws AgencyException {
            return new Answer<>(handler, handler.call(message));
        }

        boolean record(OutboxMessage message) {
            return handler.record(message, value);
        }

        boolean negative() {
            return handler.negative(value);
        }
    }

    /**
     * Takes one more token of the agency's rate limit, for a call's second and later requests
     * (the next page, a status inquiry after a transfer): every request counts against the
     * agency's limit, not only the first.
     */
    protected final void pace() {
        limiter.acquire();
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
                lastErrorKind,
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
                // The message continues the trace of the request that queued it; its log lines
                // carry that request's id and the tenant.
                Span span = tracing.start(
                        agency + " " + message.kind(), SpanKind.CONSUMER, Tracing.parent(message.traceContext()));
                span.setAttribute("lumbung.tenant", message.tenantId());
                span.setAttribute("lumbung.message.id", message.id().toString());
                span.setAttribute("lumbung.message.attempt", message.attempts());
                String error = null;
                try (Scope scope = span.makeCurrent();
                        LogContext.Restore log =
                                LogContext.open(message.requestId(), message.tenantId(), span.getSpanContext())) {
                    producer.sendBody(route, message);
                } catch (RuntimeException e) {
                    error = e.getClass().getSimpleName();
                    // The class only: a database error's text may quote a row.
                    LOG.error("{} message {} of tenant {}: {}", agency, message.id(), message.tenantId(), error);
                } finally {
                    Tracing.end(span, error);
                    inFlight.decrementAndGet();
                }
            });
        }
    }

    /** The tenant's pause and quota. */
    private void admit(Exchange exchange) {
        CALLED.set(Boolean.FALSE);
        exchange.setProperty(TRACE, Context.current());
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
                    policy.nextMidnight());
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
        MessageHandler<?> handler = handlers.get(message.kind());
        if (handler == null) {
            exchange.setProperty(
                    FAILURE,
                    new AgencyException(AgencyException.Kind.INTERNAL, "internal: no handler for " + message.kind()));
            return;
        }
        // Each call (a redelivery too) is a client span of the message's: the agency receives
        // its traceparent.
        Context parent = exchange.getProperty(TRACE, Context.class);
        Span call = tracing.start(agency + " call", SpanKind.CLIENT, parent == null ? Context.current() : parent);
        String error = null;
        try (Scope scope = call.makeCurrent()) {
            exchange.setProperty(LumbungHeaders.RESULT, Answer.of(handler, message));
        } catch (AgencyException e) {
            error = e.kind().name();
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
            error = e.getClass().getSimpleName();
            exchange.setProperty(FAILURE, FailurePolicy.ours(e));
        } finally {
            Tracing.end(call, error);
        }
    }

    /** After the breaker let the call through: write the answer, or handle a non-transport failure. */
    private void settle(Exchange exchange) {
        OutboxMessage message = exchange.getMessage().getBody(OutboxMessage.class);
        AgencyException failure = exchange.getProperty(FAILURE, AgencyException.class);
        if (failure == null) {
            Answer<?> answer = exchange.getProperty(LumbungHeaders.RESULT, Answer.class);
            boolean recorded;
            try {
                recorded = answer.record(message);
            } catch (Exception e) { // SQLException included: transactions rethrow it undeclared
                // The answer could not be written: never left to be claimed and called again forever.
                LOG.error(
                        "{} message {} of tenant {}: the answer cannot be written: {}",
                        agency,
                        message.id(),
                        message.tenantId(),
                        e.getClass().getSimpleName());
                failure = FailurePolicy.ours(e);
                settleFailure(message, failure);
                return;
            }
            if (recorded) {
                answered.incrementAndGet();
                LOG.debug(
                        "{} {} message {} answered after {} attempt(s)",
                        agency,
                        message.kind(),
                        message.id(),
                        message.attempts());
                metrics.count(
                        agency,
                        message.tenantId(),
                        answer.negative() ? ConnectorMetrics.Outcome.NEGATIVE : ConnectorMetrics.Outcome.SUCCESS);
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

    /** A failure that is not the agency's transport: classified by the policy, never retried blindly. */
    private void settleFailure(OutboxMessage message, AgencyException failure) {
        String reason = failure.kind().name().toLowerCase(Locale.ROOT) + ": " + failure.getMessage();
        noteError(failure.kind(), reason);
        FailurePolicy.Decision decision = policy.decide(failure, message.attempts());
        metrics.count(agency, message.tenantId(), decision.outcome());
        if (decision.pause() != null) {
            pause(message.tenantId(), decision.pause(), failure.getMessage(), decision.pauseUntil());
        }
        if (decision.deadLetter()) {
            LOG.error(
                    "{} message {} of tenant {} failed for good: {}",
                    agency,
                    message.id(),
                    message.tenantId(),
                    failure.getMessage());
        }
        if (failure.kind() != AgencyException.Kind.LATER) {
            failed(message, decision.retryIn(), reason, decision.deadLetter());
            return;
        }
        try {
            failed(message, decision.retryIn(), reason, decision.deadLetter());
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

    /** The failed attempt, through the message's handler (a message of no known kind is a dead letter). */
    private void failed(OutboxMessage message, Duration delay, String reason, boolean giveUp) {
        MessageHandler<?> handler = handlers.get(message.kind());
        if (handler == null) {
            outbox.deadLetter(message, reason);
        } else {
            handler.failed(message, delay, reason, giveUp);
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
        noteError(
                cause instanceof AgencyException agencyFailure ? agencyFailure.kind() : AgencyException.Kind.TRANSPORT,
                reason);
        FailurePolicy.Decision decision = policy.decide(
                cause instanceof AgencyException agencyFailure
                        ? agencyFailure
                        : new AgencyException(AgencyException.Kind.TRANSPORT, reason),
                message.attempts());
        Duration delay = decision.retryIn();
        boolean giveUp = decision.deadLetter();
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

    private void noteError(AgencyException.Kind kind, String reason) {
        lastErrorKind = kind.name();
        lastError = reason;
        lastErrorAt = Instant.now();
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
