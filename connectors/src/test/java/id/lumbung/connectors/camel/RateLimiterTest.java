package id.lumbung.connectors.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves: no waiting. */
class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstOfATenthOfASecondThenOneCallPerIntervalAsTimeGoesOn() {
        RateLimiter limiter = new RateLimiter(50, now::get); // burst: 5 tokens

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.reserve()).as("token %d of the burst", i + 1).isZero();
        }
        long wait = limiter.reserve();
        assertThat(wait).isEqualTo(TimeUnit.MILLISECONDS.toNanos(20));

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isPositive();

        now.addAndGet(TimeUnit.SECONDS.toNanos(10)); // idle: the bucket refills, but only to its burst
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.reserve()).isZero();
        }
        assertThat(limiter.reserve()).isPositive();
    }

    @Test
    void aSlowAgencyStillGetsOneCallAtATime() {
        RateLimiter limiter = new RateLimiter(0.5, now::get); // one call every two seconds

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isEqualTo(TimeUnit.SECONDS.toNanos(2));
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertThat(limiter.reserve()).isZero();
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new RateLimiter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
