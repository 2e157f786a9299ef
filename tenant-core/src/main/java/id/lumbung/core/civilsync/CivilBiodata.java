package id.lumbung.core.civilsync;

import java.time.LocalDate;

/**
 * What Dukcapil holds of a person (CALL_NIK), as far as a synchronisation compares it: asked only
 * about records already suspected of being out of sync, and only these fields are read.
 *
 * @param result FOUND, DECEASED, NOT_FOUND, MULTIPLE, INACTIVE or INVALID
 * @param kk the family card number, if given
 * @param fullName the name as on the KTP
 * @param birthPlace the place of birth
 * @param birthDate the date of birth, if readable
 * @param sex L or P, if given
 */
public record CivilBiodata(
        String result, String kk, String fullName, String birthPlace, LocalDate birthDate, String sex) {

    /** Whether Dukcapil knows the NIK (alive or not). */
    public boolean known() {
        return "FOUND".equals(result) || "DECEASED".equals(result);
    }

    /** An answer without a record (not found, several records, inactive, invalid). */
    public static CivilBiodata unknown(String result) {
        return new CivilBiodata(result, null, null, null, null, null);
    }
}
