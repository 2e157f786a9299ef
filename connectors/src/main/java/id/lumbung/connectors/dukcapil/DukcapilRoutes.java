package id.lumbung.connectors.dukcapil;

import id.lumbung.connectors.camel.AgencyException;
import id.lumbung.connectors.camel.LumbungHeaders;
import id.lumbung.core.nikcheck.NikCheckRequest;
import id.lumbung.core.nikcheck.NikCheckResult;
import id.lumbung.core.nikcheck.NikCheckService;
import id.lumbung.core.outbox.Outbox;
import id.lumbung.core.outbox.OutboxMessage;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox → Dukcapil. A poll claims due NIK checks; each goes through a resilience4j circuit
 * breaker around a sub-route that redelivers (exponential backoff with jitter). Business answers
 * ("Data Tidak Ditemukan" included) are results, written back once per message; failures and
 * an open breaker put the message back in the outbox for a later claim, so nothing is lost.
 */
@Singleton
final class DukcapilRoutes extends RouteBuilder {
    static final String CHECK_NIK = "direct:dukcapil.check-nik";
    static final String CALL_NIK = "direct:dukcapil.call-nik";

    private static final Logger LOG = LoggerFactory.getLogger(DukcapilRoutes.class);
    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);

    private final DukcapilSettings settings;
    private final DukcapilClient client;
    private final Outbox outbox;
    private final NikCheckService nikChecks;

    DukcapilRoutes(DukcapilSettings settings, DukcapilClient client, Outbox outbox, NikCheckService nikChecks) {
        this.settings = settings;
        this.client = client;
        this.outbox = outbox;
        this.nikChecks = nikChecks;
    }

    @Override
    public void configure() {
        from("timer:dukcapil.outbox?period=" + settings.pollInterval().toMillis())
                .routeId("dukcapil.outbox-poll")
                .process(this::claim)
                .split(body())
                .to(CHECK_NIK)
                .end();

        from(CHECK_NIK)
                .routeId("dukcapil.check-nik")
                .process(DukcapilRoutes::identify)
                .circuitBreaker()
                .resilience4jConfiguration()
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .slidingWindowSize(Math.max(10, settings.breakerMinimumCalls()))
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(
                        (int) Math.max(1, settings.breakerOpenFor().toSeconds()))
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .end()
                .to(CALL_NIK)
                .onFallback()
                .process(this::retryLater)
                .end()
                .filter(exchangeProperty(LumbungHeaders.FALLBACK).isNull())
                .process(this::recordResult)
                .end();

        from(CALL_NIK)
                .routeId("dukcapil.call-nik")
                .errorHandler(defaultErrorHandler()
                        .maximumRedeliveries(settings.redeliveries())
                        .redeliveryDelay(settings.redeliveryDelay().toMillis())
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .useCollisionAvoidance()
                        .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                        .logExhausted(false)
                        .logStackTrace(false))
                .process(this::call);
    }

    /** Tenant and message id travel on the exchange, for every processor and log line downstream. */
    private static void identify(Exchange exchange) {
        OutboxMessage message = exchange.getMessage().getBody(OutboxMessage.class);
        exchange.getMessage().setHeader(LumbungHeaders.TENANT_ID, message.tenantId());
        exchange.getMessage().setHeader(LumbungHeaders.MESSAGE_ID, message.id());
    }

    private void claim(Exchange exchange) {
        exchange.getMessage().setBody(outbox.claim(NikCheckRequest.AGENCY, settings.batchSize(), settings.lease()));
    }

    private void call(Exchange exchange) throws AgencyException {
        OutboxMessage message = exchange.getMessage().getBody(OutboxMessage.class);
        exchange.setProperty(
                LumbungHeaders.RESULT,
                client.checkNik(nikChecks.nikToCheck(message).value()));
    }

    private void recordResult(Exchange exchange) {
        OutboxMessage message = exchange.getMessage().getBody(OutboxMessage.class);
        NikCheckResult result = exchange.getProperty(LumbungHeaders.RESULT, NikCheckResult.class);
        if (nikChecks.recordResult(message, result)) {
            // The check's id and Dukcapil's result code only: the NIK itself never reaches a log.
            LOG.info("NIK check {} of tenant {}: {}", message.aggregateId(), message.tenantId(), result.name());
        } else {
            LOG.info(
                    "NIK check {} of tenant {} was already answered; duplicate ignored",
                    message.aggregateId(),
                    message.tenantId());
        }
    }

    private void retryLater(Exchange exchange) {
        exchange.setProperty(LumbungHeaders.FALLBACK, Boolean.TRUE);
        OutboxMessage message = exchange.getMessage().getBody(OutboxMessage.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = describe(cause);
        Duration delay = delayAfter(message.attempts(), cause);
        boolean giveUp = message.attempts() >= settings.maxAttempts();
        nikChecks.recordRetry(message, delay, reason, giveUp);
        LOG.warn(
                "NIK check {} of tenant {}: attempt {} failed ({}); {}",
                message.aggregateId(),
                message.tenantId(),
                message.attempts(),
                reason,
                giveUp ? "giving up" : "next attempt in " + delay.toMillis() + " ms");
    }

    /** Exponential in the number of claims, capped, with up to 20% jitter so retries do not arrive together. */
    private Duration delayAfter(int attempts, Throwable cause) {
        if (cause instanceof AgencyException agency && agency.kind() != AgencyException.Kind.TRANSPORT) {
            return settings.maxRetryDelay();
        }
        long base = FIRST_RETRY_DELAY.toMillis() << Math.min(attempts - 1, 16);
        long capped = Math.min(base, settings.maxRetryDelay().toMillis());
        return Duration.ofMillis(capped + ThreadLocalRandom.current().nextLong(capped / 5 + 1));
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        if (cause instanceof CallNotPermittedException) {
            return "circuit breaker open";
        }
        if (cause instanceof AgencyException agency) {
            return agency.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + agency.getMessage();
        }
        return cause.getClass().getSimpleName();
    }
}
