package id.lumbung.connectors.camel;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.connector.ConnectorControl.PauseReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The failure policy alone: a fixed clock, no jitter unless asked, no Camel, no database. */
class FailurePolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z"); // 17:15 in Jakarta
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private final FailurePolicy policy =
            new FailurePolicy(5, Duration.ofMinutes(5), JAKARTA, Clock.fixed(NOW, ZoneOffset.UTC), bound -> 0);

    private FailurePolicy.Decision decide(AgencyException.Kind kind, int attempts) {
        return policy.decide(new AgencyException(kind, "x"), attempts);
    }

    @Test
    void transportFailuresWaitLongerEachTimeAndAreGivenUpAfterTheLastAttempt() {
        assertThat(decide(AgencyException.Kind.TRANSPORT, 1).retryIn()).isEqualTo(Duration.ofSeconds(1));
        assertThat(decide(AgencyException.Kind.TRANSPORT, 2).retryIn()).isEqualTo(Duration.ofSeconds(2));
        assertThat(decide(AgencyException.Kind.TRANSPORT, 4).retryIn()).isEqualTo(Duration.ofSeconds(8));
        assertThat(decide(AgencyException.Kind.TRANSPORT, 4).deadLetter()).isFalse();
        assertThat(decide(AgencyException.Kind.TRANSPORT, 5).deadLetter()).isTrue();
        assertThat(policy.delayAfter(40)).as("capped").isEqualTo(Duration.ofMinutes(5));
        assertThat(decide(AgencyException.Kind.TRANSPORT, 1).agencysFault()).isTrue();
    }

    @Test
    void jitterAddsAtMostAFifth() {
        FailurePolicy jittery =
                new FailurePolicy(5, Duration.ofMinutes(5), JAKARTA, Clock.fixed(NOW, ZoneOffset.UTC), bound -> bound);
        assertThat(jittery.delayAfter(3)).isEqualTo(Duration.ofMillis(4_000 + 800));
    }

    @Test
    void aRefusedAccountPausesTheTenantUntilAnOperatorActsAndKeepsTheMessage() {
        FailurePolicy.Decision decision = decide(AgencyException.Kind.CONFIGURATION, 1);
        assertThat(decision.pause()).isEqualTo(PauseReason.CONFIGURATION);
        assertThat(decision.pauseUntil()).isNull();
        assertThat(decision.deadLetter()).isFalse();
        assertThat(decision.outcome()).isEqualTo(ConnectorMetrics.Outcome.CONFIGURATION_ERROR);
    }

    @Test
    void aUsedQuotaWaitsForMidnightWhereTheQuotaIsCountedAndClosedHoursForTheirOpening() {
        FailurePolicy.Decision quota = decide(AgencyException.Kind.QUOTA, 1);
        assertThat(quota.pause()).isEqualTo(PauseReason.QUOTA);
        assertThat(quota.pauseUntil()).isEqualTo(Instant.parse("2026-12-04T17:00:00Z")); // 00:00 WIB
        Instant opening = Instant.parse("2026-12-05T00:00:00Z");
        assertThat(policy.decide(new AgencyException(AgencyException.Kind.OUTSIDE_HOURS, "closed", opening), 1)
                        .pauseUntil())
                .isEqualTo(opening);
        assertThat(decide(AgencyException.Kind.OUTSIDE_HOURS, 1).pauseUntil()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(quota.deadLetter()).isFalse();
    }

    @Test
    void ourOwnFailuresAreNeverTheAgencys() {
        FailurePolicy.Decision internal = decide(AgencyException.Kind.INTERNAL, 1);
        assertThat(internal.agencysFault()).isFalse();
        assertThat(internal.outcome()).isEqualTo(ConnectorMetrics.Outcome.INTERNAL_ERROR);
        assertThat(internal.deadLetter()).isTrue();

        FailurePolicy.Decision later = decide(AgencyException.Kind.LATER, 2);
        assertThat(later.agencysFault()).isFalse();
        assertThat(later.outcome()).isEqualTo(ConnectorMetrics.Outcome.INTERNAL_ERROR);
        assertThat(later.deadLetter()).isFalse();
        assertThat(later.retryIn()).isEqualTo(Duration.ofSeconds(2));

        assertThat(FailurePolicy.ours(new IllegalStateException("a bug")).kind())
                .isEqualTo(AgencyException.Kind.INTERNAL);
        assertThat(FailurePolicy.ours(new java.sql.SQLTransientConnectionException("pool empty"))
                        .kind())
                .isEqualTo(AgencyException.Kind.LATER);
    }

    @Test
    void whatTheAgencyRefusesIsADeadLetterAtOnceCountedAsTheAgencysAnswer() {
        for (AgencyException.Kind kind :
                new AgencyException.Kind[] {AgencyException.Kind.BAD_REQUEST, AgencyException.Kind.REJECTED}) {
            FailurePolicy.Decision decision = decide(kind, 1);
            assertThat(decision.deadLetter()).as(kind.name()).isTrue();
            assertThat(decision.agencysFault()).as(kind.name()).isTrue();
            assertThat(decision.pause()).as(kind.name()).isNull();
        }
        assertThat(decide(AgencyException.Kind.BAD_REQUEST, 1).outcome())
                .isEqualTo(ConnectorMetrics.Outcome.BAD_REQUEST);
        assertThat(decide(AgencyException.Kind.REJECTED, 1).outcome()).isEqualTo(ConnectorMetrics.Outcome.REJECTED);
    }
}
