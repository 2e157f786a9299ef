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
        void ofAWomanBornOnTheTwentyNinthOfFebruaryOfALeapYearOfEitherCentury() {
            assertThat(Nik.parse("7401016902960004").isFemale()).isTrue();
            assertThat(Nik.parse("7401012902040005").value()).endsWith("0005");
        }

        @Test
        void fromAProvinceSplitOffLaterUnderEitherCode() {
            assertThat(Nik.parse("9101011205850001").value()).startsWith("91");
            assertThat(Nik.parse("9501011205850001").value()).startsWith("95");
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
        "7471013104850001, nik_invalid_birth_day",
        // Provinces that do not exist; a regency or district 00; 29 February of a year without
        // one (yy not a multiple of 4, in either century); serial 0000.
        "0171011205850001, nik_invalid_province",
        "1071011205850001, nik_invalid_province",
        "2071011205850001, nik_invalid_province",
        "9971011205850001, nik_invalid_province",
        "7400011205850001, nik_invalid_region",
        "7471001205850001, nik_invalid_region",
        "7471012902850001, nik_invalid_birth_day",
        "7471016902010001, nik_invalid_birth_day",
        "7471011205850000, nik_invalid_serial"
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

    @Test
    void theProvinceCodesAreTheRegionDatas() throws java.io.IOException {
        java.util.Set<String> codes = new java.util.TreeSet<>();
        try (var in = new java.util.zip.GZIPInputStream(
                        NikTest.class.getResourceAsStream("/regions/provinces.csv.gz"));
                var lines = new java.io.BufferedReader(
                        new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
            lines.lines().skip(1).map(line -> line.split(",", 2)[0]).forEach(codes::add);
        }
        assertThat(new java.util.TreeSet<>(Nik.PROVINCES)).isEqualTo(codes);
    }
}
