package id.lumbung.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlockingTest {
    private static final String NIK = "7471015203800147";

    private static boolean compared(String written) {
        People people = new People();
        people.add("a", NIK, null, "SITI AMINAH", LocalDate.of(1980, 3, 12), "P", "74.71.01.1005", 0);
        people.add("b", written, null, "SITI AMINAH", LocalDate.of(1980, 3, 12), "P", "74.71.02.1003", 1);
        return Arrays.binarySearch(Blocking.pairs(people).pairs(), 1L) >= 0;
    }

    /** Whatever digit slips — one wrong, or two neighbours swapped — the two records still meet. */
    @Test
    void everySingleSlipOfTheNikStillSharesAKey() {
        for (int at = 0; at < 16; at++) {
            char wrong = (char) ('0' + (NIK.charAt(at) - '0' + 5) % 10);
            String slipped = NIK.substring(0, at) + wrong + NIK.substring(at + 1);
            assertThat(compared(slipped))
                    .as("digit %d wrong: %s", at + 1, slipped)
                    .isTrue();
        }
        for (int at = 0; at < 15; at++) {
            if (NIK.charAt(at) == NIK.charAt(at + 1)) {
                continue;
            }
            String swapped = NIK.substring(0, at) + NIK.charAt(at + 1) + NIK.charAt(at) + NIK.substring(at + 2);
            assertThat(compared(swapped))
                    .as("digits %d and %d swapped", at + 1, at + 2)
                    .isTrue();
        }
    }

    @Test
    void unrelatedPeopleAreNotCompared() {
        People people = new People();
        people.add("a", NIK, null, "SITI AMINAH", LocalDate.of(1980, 3, 12), "P", "74.71.01.1005", 0);
        people.add("b", "7471026707950003", null, "LA ODE RAHMAN", LocalDate.of(1995, 7, 27), "L", "74.71.02.1003", 1);
        assertThat(Blocking.pairs(people).pairs()).isEmpty();
    }

    @Test
    void theSkeletonKeepsConsonantsOnce() {
        assertThat(Blocking.skeleton("muhammad")).isEqualTo("md");
        assertThat(Blocking.skeleton("siti")).isEqualTo(Blocking.skeleton("sitti"));
    }
}
