package id.lumbung.connectors.camel;

import static org.assertj.core.api.Assertions.assertThat;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** How the pipeline tells our own failures apart: wait for our database, or a dead letter at once. */
class InternalFailureTest {

    @Test
    void anAbsentOrBusyDatabaseMakesTheMessageWait() {
        assertThat(FailurePolicy.ours(new RuntimeException(new SQLTransientConnectionException("pool empty")))
                        .kind())
                .isEqualTo(AgencyException.Kind.LATER);
        assertThat(FailurePolicy.ours(new IllegalStateException(
                                "wrapped", new SQLException("terminating connection", "57P01")))
                        .kind())
                .isEqualTo(AgencyException.Kind.LATER);
        assertThat(FailurePolicy.ours(new RuntimeException(new SQLException("deadlock detected", "40P01")))
                        .kind())
                .isEqualTo(AgencyException.Kind.LATER);
        // Transactions rethrow a statement's SQLException as it is, undeclared.
        assertThat(FailurePolicy.ours(new SQLException("canceling statement due to statement timeout", "57014"))
                        .kind())
                .isEqualTo(AgencyException.Kind.LATER);
    }

    @Test
    void ourDataOrOurCodeIsADeadLetterNamedByClassOrCodeNeverByItsText() {
        AgencyException constraint = FailurePolicy.ours(new RuntimeException(
                new SQLException("Failing row contains (7471, LA ODE HASAN, 1985-05-12)", "23502")));
        assertThat(constraint.kind()).isEqualTo(AgencyException.Kind.INTERNAL);
        assertThat(constraint.getMessage())
                .isEqualTo("internal: RuntimeException")
                .doesNotContain("HASAN");

        AgencyException refused =
                FailurePolicy.ours(new LumbungException(ErrorCode.WRONG_HEADER, "The header lacks the column(s) nisn"));
        assertThat(refused.kind()).isEqualTo(AgencyException.Kind.INTERNAL);
        assertThat(refused.getMessage()).isEqualTo("internal: wrong_header: The header lacks the column(s) nisn");
    }
}
