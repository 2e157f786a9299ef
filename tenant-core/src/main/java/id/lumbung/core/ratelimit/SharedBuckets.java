package id.lumbung.core.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Token buckets every process of the platform shares, kept in PostgreSQL by Bucket4j
 * ({@code rate_limit_bucket}, a row per bucket locked while a token is taken): two API replicas
 * give a user one budget, two workers give an agency one rate (decision 0026). A bucket left
 * untouched is deleted once it would be full again.
 */
@Singleton
public final class SharedBuckets {
    private static final int LONGEST_KEY = 120;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    SharedBuckets(DataSource dataSource) {
        // Outside any transaction of the request's: Bucket4j commits each take on its own.
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(DelegatingDataSource.unwrapDataSource(dataSource))
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    /**
     * Takes a token of the bucket holding {@code capacity} tokens refilled evenly over {@code
     * window}; answers 0, or the nanoseconds until one is there.
     */
    public long tryTake(String key, long capacity, Duration window) {
        ConsumptionProbe probe = bucket(
                        key + "|" + capacity + "/" + window.toMillis(), () -> BucketConfiguration.builder()
                                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window))
                                .build())
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /**
     * A rate of {@code perSecond} calls a second, shared by every process that names it, in
     * bursts of at most a twentieth of a second's worth (at least one call): over any second at
     * most {@code perSecond} plus that burst, so a rate set about 8 % below an agency's limit (the burst, and calls a busy machine sends a
     * little late) never
     * exceeds it.
     */
    public Rate rate(String name, double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("A rate must be positive");
        }
        // Whole tokens: a rate is kept as tokens per period, the period as long as one token needs.
        long tokens = Math.max(1, Math.round(perSecond));
        Duration period = Duration.ofNanos(Math.round(tokens * TimeUnit.SECONDS.toNanos(1) / perSecond));
        long burst = Math.max(1, (long) Math.floor(perSecond / 20));
        String key = "rate:" + name + "|" + perSecond;
        return () -> {
            long wait;
            while ((wait = bucket(key, () -> BucketConfiguration.builder()
                                    .addLimit(limit -> limit.capacity(burst).refillGreedy(tokens, period))
                                    .build())
                            .tryConsumeAndReturnRemaining(1)
                            .getNanosToWaitForRefill())
                    > 0) {
                LockSupport.parkNanos(wait);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        };
    }

    /** A shared rate: {@link #acquire} waits until a call may be made. */
    @FunctionalInterface
    public interface Rate {
        void acquire();
    }

    /** Deletes the buckets nobody drew on for a while (they would be full again). */
    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void sweep() {
        buckets.removeExpired(1_000);
    }

    private io.github.bucket4j.distributed.BucketProxy bucket(
            String key, java.util.function.Supplier<BucketConfiguration> configuration) {
        return buckets.getProxy(key.length() <= LONGEST_KEY ? key : digest(key), configuration);
    }

    private static String digest(String key) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(
                                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
