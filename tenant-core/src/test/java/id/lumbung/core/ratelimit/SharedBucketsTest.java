package id.lumbung.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.testing.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two processes (here two SharedBuckets over the one database, as two replicas would be) draw
 * on one budget: a user's logins, an agency's rate.
 */
@MicronautTest(transactional = false)
class SharedBucketsTest extends DatabaseTest {
    @Inject
    DataSource dataSource;

    @Test
    void twoReplicasGiveAUserOneBudgetNotTwo() {
        SharedBuckets first = new SharedBuckets(dataSource);
        SharedBuckets second = new SharedBuckets(dataSource);
        String user = "login-user:" + UUID.randomUUID();

        assertThat(first.tryTake(user, 3, Duration.ofHours(1))).isZero();
        assertThat(second.tryTake(user, 3, Duration.ofHours(1))).isZero();
        assertThat(first.tryTake(user, 3, Duration.ofHours(1))).isZero();

        assertThat(second.tryTake(user, 3, Duration.ofHours(1)))
                .as("the fourth login, on the other replica, waits about 20 minutes")
                .isBetween(
                        Duration.ofMinutes(19).toNanos(), Duration.ofMinutes(21).toNanos());
        assertThat(first.tryTake("login-user:" + UUID.randomUUID(), 3, Duration.ofHours(1)))
                .as("another user has a budget of its own")
                .isZero();
    }

    @Test
    void twoWorkersCallAnAgencyAtItsRateTogether() throws Exception {
        double perSecond = 20;
        String agency = "TEST-" + UUID.randomUUID();
        List<SharedBuckets.Rate> workers = List.of(
                new SharedBuckets(dataSource).rate(agency, perSecond),
                new SharedBuckets(dataSource).rate(agency, perSecond));
        AtomicLong calls = new AtomicLong();
        long seconds = 3;
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (SharedBuckets.Rate worker : workers) {
            for (int i = 0; i < 2; i++) {
                Thread thread = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        worker.acquire();
                        if (System.nanoTime() < end) {
                            calls.incrementAndGet();
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }

        // The burst (one call at this rate) is all that may come on top of the rate.
        assertThat(calls.get())
                .as("four threads in two processes, one rate")
                .isLessThanOrEqualTo((long) (perSecond * seconds) + 1)
                .isGreaterThanOrEqualTo((long) (0.9 * perSecond * seconds));
    }
}
