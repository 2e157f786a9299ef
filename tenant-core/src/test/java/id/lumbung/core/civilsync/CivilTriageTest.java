package id.lumbung.core.civilsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CivilTriageTest {
    private final CivilTriage triage = new CivilTriage(
            Set.of("747101", "747103"),
            Map.of("la", 10_000, "wa", 9_000, "rahmat", 120, "rahmt", 1, "siti", 800, "sitti", 300, "a", 3, "adi", 40),
            100_000);

    @Test
    void aNikAgreesWithItsRecordByRegionBirthDateAndSex() {
        assertThat(triage.agrees("7471031010700003", LocalDate.of(1970, 10, 10), "L"))
                .isTrue();
        assertThat(triage.agrees("7471035010700003", LocalDate.of(1970, 10, 10), "P"))
                .isTrue();
        assertThat(triage.agrees("7471031010700003", LocalDate.of(1970, 10, 10), "P"))
                .as("sex")
                .isFalse();
        assertThat(triage.agrees("7471031010700003", LocalDate.of(1971, 10, 10), "L"))
                .as("year")
                .isFalse();
        assertThat(triage.agrees("7471091010700003", LocalDate.of(1970, 10, 10), "L"))
                .as("region")
                .isFalse();
        assertThat(triage.agrees("747103101070003", null, null)).as("15 digits").isFalse();
        assertThat(triage.agrees("7471031010700003", null, null)).isTrue();
    }

    @Test
    void swappedDigitsAreUndoneOnlyWhereTheResultAgreesWithTheRecord() {
        // 10-10-70 written 01-10-70: the NIK itself, and the one swap that agrees.
        assertThat(triage.candidates("7471030110700003", LocalDate.of(1970, 10, 10), "L"))
                .containsExactly("7471030110700003", "7471031010700003");
        // Month 30 is no NIK: only the swap that makes it one is asked.
        assertThat(triage.candidates("7471031130700003", LocalDate.of(1970, 10, 13), "L"))
                .containsExactly("7471031310700003");
        // Nothing agrees: nothing but the NIK itself.
        assertThat(triage.candidates("7471030110700003", LocalDate.of(1990, 5, 5), "P"))
                .containsExactly("7471030110700003");
    }

    @Test
    void aRareWordBesideACommonOneIsASlipButAVariantSpellingIsNot() {
        assertThat(triage.oddlySpelt("la rahmt")).isTrue();
        assertThat(triage.oddlySpelt("a siti")).as("one letter short of WA").isTrue();
        assertThat(triage.oddlySpelt("la rahmat")).isFalse();
        assertThat(triage.oddlySpelt("wa sitti")).as("a spelling many use").isFalse();
        assertThat(triage.oddlySpelt("la adi")).as("forty ADIs are a name").isFalse();
        assertThat(triage.oddlySpelt("la zulkarnain"))
                .as("rare, but no common word is one letter away")
                .isFalse();
    }

    @Test
    void distanceCountsLettersReplacedDroppedOrAdded() {
        assertThat(CivilTriage.distance("srn", "sri")).isEqualTo(1);
        assertThat(CivilTriage.distance("rahmt", "rahmat")).isEqualTo(1);
        assertThat(CivilTriage.distance("budi", "budi")).isZero();
        assertThat(CivilTriage.similarity("la rahmt", "la rahmat")).isEqualTo(1 - 1.0 / 9);
    }
}
