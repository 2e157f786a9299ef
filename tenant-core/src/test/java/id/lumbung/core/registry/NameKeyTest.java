package id.lumbung.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class NameKeyTest {

    @Test
    void titlesAreDroppedAndTheNameIsKeptAsWritten() {
        assertThat(NameKey.withoutTitles("HJ. SITI AMINAH, S.PD")).isEqualTo("SITI AMINAH");
        assertThat(NameKey.withoutTitles("LA ANI, S.H")).isEqualTo("LA ANI");
        assertThat(NameKey.withoutTitles("Dr. Ir. Muhamad  Ridwan")).isEqualTo("Muhamad Ridwan");
        assertThat(NameKey.withoutTitles("ROSMA BR. SIAHAAN")).isEqualTo("ROSMA BR. SIAHAAN");
        assertThat(NameKey.withoutTitles("WA ODE SITTI")).isEqualTo("WA ODE SITTI");
        assertThat(NameKey.withoutTitles("ST. SANGKALA"))
                .as("Sitti, abbreviated")
                .isEqualTo("ST. SANGKALA");
        assertThat(NameKey.withoutTitles("ANDI BASO, S.T")).isEqualTo("ANDI BASO");
    }

    @Test
    void theSearchKeyFoldsSpellingsAndTitles() {
        assertThat(NameKey.of("Hj. SITTI  Rahma, S.Pd")).isEqualTo(NameKey.of("siti rahma"));
        assertThat(NameKey.of("MOH. DJOKO")).isEqualTo("muhammad joko");
    }

    /** The variants people type (issue 13's list and the ones found before it): each pair one key. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvFileSource(resources = "/name-pairs.csv", delimiter = ';')
    void spellingsOfOneNameHaveOneKey(String typed, String stored) {
        assertThat(NameKey.of(typed)).isEqualTo(NameKey.of(stored));
    }

    @ParameterizedTest(name = "{0} ≠ {1}")
    @CsvFileSource(resources = "/name-pairs-apart.csv", delimiter = ';')
    void differentNamesKeepDifferentKeys(String typed, String stored) {
        assertThat(NameKey.of(typed)).isNotEqualTo(NameKey.of(stored));
    }

    @Test
    void aNameIsFoundByTheBeginningOfItsKey() {
        assertThat(NameKey.of("Wa Ode Siti Nurlia")).startsWith(NameKey.of("Waode Siti"));
        assertThat(NameKey.of("La Ode Muhammad Arif")).startsWith(NameKey.of("Laode M."));
    }
}
