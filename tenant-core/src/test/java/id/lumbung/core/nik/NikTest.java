package id.lumbung.core.nik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NikTest {

    @Nested
    class AcceptsAWellFormedNik {
        @Test
        void ofAManBornOnTheTwelfthOfMay1985() {
            Nik nik = Nik.parse("7471011205850001");
            assertThat(nik.value()).isEqualTo("7471011205850001");
            assertThat(nik.isFemale()).isFalse();
        }

        @Test
        void ofAWomanWhoseDayHasFortyAdded() {
            assertThat(Nik.parse("7471015205850002").isFemale()).isTrue();
        }

        @Test
        void ofSomeoneBornOnTheTwentyNinthOfFebruary() {
            assertThat(Nik.parse("7401012902000003").value()).endsWith("0003");
        }

        @Test
        void withSurroundingSpaces() {
            assertThat(Nik.parse(" 7471011205850001 ").value()).isEqualTo("7471011205850001");
        }
    }

    @ParameterizedTest(name = "{0} breaks {1}")
    @CsvSource({
        "747101120585000, nik_not_16_digits",
        "74710112058500011, nik_not_16_digits",
        "74710112058500a1, nik_not_16_digits",
        "'', nik_not_16_digits",
        "0071011205850001, nik_invalid_province",
        "7471011213850001, nik_invalid_birth_month",
        "7471011200850001, nik_invalid_birth_month",
        "7471010005850001, nik_invalid_birth_day",
        "7471013205850001, nik_invalid_birth_day",
        "7471017205850001, nik_invalid_birth_day",
        "7471013002850001, nik_invalid_birth_day",
        "7471013104850001, nik_invalid_birth_day"
    })
    void rejectsANikThatBreaksARuleNamingTheRule(String raw, String code) {
        assertThatThrownBy(() -> Nik.parse(raw)).isInstanceOfSatisfying(LumbungException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.errorCode().kind()).isEqualTo(ErrorCode.Kind.INVALID); // 422 at the edge
            assertThat(e.getMessage()).doesNotContain(raw.isEmpty() ? "\u0000" : raw);
        });
    }

    @Test
    void printsOnlyItsLastFourDigits() {
        Nik nik = Nik.parse("7471011205850001");
        assertThat(nik.toString()).isEqualTo("************0001").isEqualTo(nik.masked());
        assertThat(String.valueOf(nik)).doesNotContain("747101");
    }
}
