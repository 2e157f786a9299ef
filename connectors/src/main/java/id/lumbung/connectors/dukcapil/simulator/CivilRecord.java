package id.lumbung.connectors.dukcapil.simulator;

/**
 * A person in the simulated civil registry.
 *
 * @param nik the NIK
 * @param kk the family card number
 * @param fullName the full name (NAMA_LGKP)
 * @param placeOfBirth place of birth
 * @param dateOfBirth date of birth as dd-mm-yyyy
 * @param sex {@code LAKI-LAKI} or {@code PEREMPUAN}
 * @param deceased whether the person is recorded as deceased
 */
public record CivilRecord(
        String nik, String kk, String fullName, String placeOfBirth, String dateOfBirth, String sex, boolean deceased) {

    @Override
    public String toString() {
        return "CivilRecord[nik=" + id.lumbung.core.nik.Nik.mask(nik) + "]";
    }
}
