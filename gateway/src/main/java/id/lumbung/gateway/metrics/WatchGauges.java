package id.lumbung.gateway.metrics;

import id.lumbung.core.audit.AuditLog;
import id.lumbung.core.operations.Watch;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.scheduling.annotation.Scheduled;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges the alert rules watch ({@code docs/observability/alerts.yml}), kept by every worker
 * replica alike: stuck imports, audit chains that no longer verify (one replica verifies, all read
 * its result), and when the secrets an agency gave us expire ({@code lumbung.secrets.expiry.*},
 * e.g. {@code LUMBUNG_SECRETS_EXPIRY_DUKCAPIL=2027-06-30}, the end of the cooperation agreement).
 * The oldest agency message waiting is {@code ConnectorMetrics}', from the queues it reads anyway.
 */
@Context // its gauges exist from the start, before the first refresh
@Requires(property = "lumbung.connectors.worker.enabled", notEquals = "false")
final class WatchGauges {
    private static final Logger LOG = LoggerFactory.getLogger(WatchGauges.class);

    private final Watch watch;
    private final Duration verifyInterval;
    private final AtomicLong stuckImports = new AtomicLong();
    private final AtomicLong brokenChains = new AtomicLong();
    private final AtomicLong chainsVerifiedAt = new AtomicLong();

    WatchGauges(
            Watch watch,
            MeterRegistry registry,
            @Property(name = "lumbung.audit.verify-interval", defaultValue = "6h") Duration verifyInterval,
            @Nullable
                    @Property(name = "lumbung.secrets.expiry")
                    @MapFormat(transformation = MapFormat.MapTransformation.FLAT)
                    Map<String, String> secretsExpiry) {
        this.watch = watch;
        this.verifyInterval = verifyInterval;
        Gauge.builder("lumbung.jobs.stuck", stuckImports, AtomicLong::get)
                .description("Imports running over an hour or queued over 15 minutes")
                .tag("kind", "import")
                .register(registry);
        Gauge.builder("lumbung.audit.chains.broken", brokenChains, AtomicLong::get)
                .description("Tenants whose audit chain did not verify at the last check")
                .register(registry);
        Gauge.builder("lumbung.audit.chains.verified", chainsVerifiedAt, AtomicLong::get)
                .description("When every audit chain was last checked (epoch seconds; 0 = not yet)")
                .register(registry);
        (secretsExpiry == null ? Map.<String, String>of() : secretsExpiry).forEach((secret, date) -> {
            long expires = LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            Gauge.builder("lumbung.secret.expiry", () -> expires)
                    .description("When a secret an agency gave expires (epoch seconds)")
                    .tag("secret", secret)
                    .register(registry);
        });
    }

    @Scheduled(initialDelay = "20s", fixedDelay = "30s")
    void refresh() {
        try {
            stuckImports.set(watch.stuckImports(Duration.ofHours(1), Duration.ofMinutes(15)));
            Watch.AuditVerification last = watch.lastAuditVerification();
            brokenChains.set(last.broken());
            chainsVerifiedAt.set(
                    last.verifiedAt() == null ? 0 : last.verifiedAt().getEpochSecond());
        } catch (RuntimeException e) {
            LOG.warn("Watch gauges not refreshed: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * Every 10 minutes each worker replica asks whether a verification is due (none began within
     * {@code lumbung.audit.verify-interval}); the one whose claim lands verifies every chain and
     * records the result, which every replica's gauges then show.
     */
    @Scheduled(initialDelay = "${lumbung.audit.verify-initial-delay:2m}", fixedDelay = "10m")
    void verifyAuditChains() {
        try {
            if (!watch.claimAuditVerification(verifyInterval)) {
                return;
            }
            List<AuditLog.Verification> broken = watch.brokenAuditChains();
            for (AuditLog.Verification chain : broken) {
                LOG.error(
                        "The audit chain of tenant {} does not verify from entry {}: {}",
                        chain.tenantId(),
                        chain.firstBrokenSeq(),
                        chain.reason());
            }
            watch.recordAuditVerification(broken.size());
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("Audit chains not verified: {}", e.getClass().getSimpleName());
        }
    }
}
