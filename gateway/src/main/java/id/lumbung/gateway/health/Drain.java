package id.lumbung.gateway.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stop that loses no request behind a load balancer: on SIGTERM the instance first answers
 * {@code /health/readiness} with DOWN while it goes on serving, for {@code LUMBUNG_SHUTDOWN_DRAIN}
 * (the time a proxy or Kubernetes needs to stop sending it requests), and only then stops —
 * Micronaut's graceful shutdown letting the requests in flight finish.
 */
@Singleton
@Readiness
public final class Drain implements HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
    private static final AtomicBoolean DRAINING = new AtomicBoolean();

    /** Takes SIGTERM over (when {@code drain} is positive): drain, then the usual shutdown. */
    public static void onTerm(Duration drain) {
        if (drain.isZero() || drain.isNegative()) {
            return;
        }
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
            if (!DRAINING.compareAndSet(false, true)) {
                return;
            }
            Thread stop = new Thread(
                    () -> {
                        LOG.info(
                                "Stopping: not ready for {} s while requests still arrive, then stopping",
                                drain.toSeconds());
                        try {
                            Thread.sleep(drain.toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        System.exit(0);
                    },
                    "lumbung-drain");
            stop.start();
        });
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("drain", DRAINING.get() ? HealthStatus.DOWN : HealthStatus.UP)
                .build());
    }
}
