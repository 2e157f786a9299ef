package id.lumbung.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every code an import reports on a row has words in Bahasa Indonesia for the import page. */
class ImportIssueTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "wrong_field_count",
                "missing_value",
                "nik_not_16_digits",
                "nik_invalid_province",
                "nik_invalid_region",
                "nik_invalid_birth_day",
                "nik_invalid_birth_month",
                "nik_invalid_serial",
                "nik_invalid_date",
                "kk_not_16_digits",
                "invalid_village_code",
                "village_outside_tenant",
                "invalid_date",
                "invalid_sex",
                "invalid_relationship",
                "invalid_desil",
                "invalid_number",
                "invalid_yes_no",
                "invalid_status",
                "invalid_rt_rw",
                "formula_in_cell",
                "control_character",
                "value_too_long",
                "unescaped_quote",
                "unterminated_quote",
                "record_too_long",
                "duplicate_row",
                "duplicate_member",
                "duplicate_nik_in_file",
                "nik_in_registry",
                "member_without_key",
                "stored_as_number",
                "nik_missing",
                "nik_birth_date_mismatch",
                "nik_sex_mismatch",
                "nik_region_unknown",
                "household_without_head",
                "several_heads",
                "head_deceased",
                "household_fields_differ",
                "kk_in_other_household",
                "kk_in_registry_household",
                "unknown_column",
                "duplicate_column"
            })
    void everyRowCodeHasIndonesianWords(String code) {
        ImportIssue issue = new ImportIssue(2, null, ImportIssue.Severity.ERROR, code, "english words");

        assertThat(issue.indonesian()).isNotBlank().isNotEqualTo("english words");
    }
}
