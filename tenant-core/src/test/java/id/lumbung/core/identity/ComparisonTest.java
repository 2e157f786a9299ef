package id.lumbung.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static People two(String nikA, String villageA, String nikB, String villageB, LocalDate born, String sex) {
        People people = new People();
        people.add("a", nikA, null, "SITI AMINAH", born, sex, villageA, 0);
        people.add("b", nikB, null, "SITI AMINAH", born, sex, villageB, 1);
        return people;
    }

    @Test
    void aNikSlipIsOneOnlyWhereItCannotBeExplained() {
        LocalDate born = LocalDate.of(1980, 3, 12);
        // Same NIK; two neighbours swapped in the serial; one digit wrong in the date part.
        assertThat(Comparison.nik(
                        two("7471015203800001", "7471011005", "7471015203800001", "7471011005", born, "P"), 0, 1))
                .isZero();
        assertThat(Comparison.nik(
                        two("7471015203800012", "7471011005", "7471015203800021", "7471011005", born, "P"), 0, 1))
                .isEqualTo(1);
        assertThat(Comparison.nik(
                        two("7471015203800001", "7471011005", "7471015208800001", "7471011005", born, "P"), 0, 1))
                .as("the second NIK disagrees with its own birth date: a slip")
                .isEqualTo(2);
        // Serials 0001 and 0002 of one day and district: two people (twins), not a slip.
        assertThat(Comparison.nik(
                        two("7471015203800001", "7471011005", "7471015203800002", "7471011005", born, "P"), 0, 1))
                .isEqualTo(3);
        // Districts 01 and 02, each NIK agreeing with its own village: two people born the same day.
        assertThat(Comparison.nik(
                        two("7471015203800001", "7471011005", "7471025203800001", "7471021003", born, "P"), 0, 1))
                .isEqualTo(3);
        assertThat(Comparison.nik(two("7471015203800001", "7471011005", "", "7471011005", born, "P"), 0, 1))
                .isEqualTo(Field.NIK.missing());
    }

    @Test
    void namesAndDatesKnowTheSlipsPeopleMake() {
        assertThat(Comparison.jaroWinkler("martha", "marhta")).isBetween(0.96, 0.962);
        assertThat(Comparison.jaroWinkler("dixon", "dicksonx")).isBetween(0.81, 0.82);
        assertThat(Comparison.name("siti aminah", "siti aminah")).isZero();
        assertThat(Comparison.name("siti aminah", "siti aminh")).isEqualTo(1);
        assertThat(Comparison.name("aminah", "siti aminah")).isEqualTo(2);
        assertThat(Comparison.name("reza pratama", "dimas saiful")).isEqualTo(3);
        assertThat(Comparison.name("laode rizal", "laode faisal"))
                .as("siblings: the family's words aside")
                .isEqualTo(3);
        assertThat(Comparison.name("risna nuraeni lakidende", "sariani lakidende"))
                .isEqualTo(3);
        int day = (int) LocalDate.of(1980, 3, 12).toEpochDay();
        assertThat(Comparison.birth(day, (int) LocalDate.of(1980, 3, 12).toEpochDay()))
                .isZero();
        assertThat(Comparison.birth(day, (int) LocalDate.of(1980, 3, 13).toEpochDay()))
                .isEqualTo(1);
        assertThat(Comparison.birth(day, (int) LocalDate.of(1980, 12, 3).toEpochDay()))
                .as("day and month swapped")
                .isEqualTo(1);
        assertThat(Comparison.birth(day, (int) LocalDate.of(1980, 7, 29).toEpochDay()))
                .isEqualTo(2);
        assertThat(Comparison.birth(day, People.NO_DATE)).isEqualTo(Field.BIRTH_DATE.missing());
    }

    @Test
    void aSharedKkWithAnotherNameIsAnotherMemberOfTheFamily() {
        assertThat(Comparison.kk(7471011203800001L, 7471011203800001L, 0)).isZero();
        assertThat(Comparison.kk(7471011203800001L, 7471011203800001L, 3)).isEqualTo(1);
        assertThat(Comparison.kk(7471011203800001L, 7471011203800002L, 0)).isEqualTo(2);
        assertThat(Comparison.kk(-1, 7471011203800002L, 0)).isEqualTo(Field.KK.missing());
    }

    @Test
    void everyPatternReadsBackItsLevels() {
        People people = new People();
        people.add(
                "a",
                "7471015203800001",
                "7471011203800001",
                "SITI AMINAH",
                LocalDate.of(1980, 3, 12),
                "P",
                "74.71.01.1005",
                0);
        people.add("b", "", "7471011203800001", "SITI AMINH", LocalDate.of(1980, 3, 13), "P", "74.71.02.1003", 0);
        int pattern = Comparison.pattern(people, 0, 1);
        assertThat(Field.NIK.of(pattern)).isEqualTo(Field.NIK.missing());
        assertThat(Field.NAME.of(pattern)).isEqualTo(1);
        assertThat(Field.BIRTH_DATE.of(pattern)).isEqualTo(1);
        assertThat(Field.SEX.of(pattern)).isZero();
        assertThat(Field.KK.of(pattern)).isZero();
        assertThat(Field.VILLAGE.of(pattern)).isEqualTo(2);
    }
}
