package id.lumbung.simulators.dukcapil;

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
 * @param address the street address (ALAMAT), if known
 * @param rt the neighbourhood unit (NO_RT), if known
 * @param rw the community unit (NO_RW), if known
 */
public record CivilRecord(
        String nik,
        String kk,
        String fullName,
        String placeOfBirth,
        String dateOfBirth,
        String sex,
        boolean deceased,
        String address,
        String rt,
        String rw) {

    /** A person whose address the simulator does not know. */
    public CivilRecord(
            String nik,
            String kk,
            String fullName,
            String placeOfBirth,
            String dateOfBirth,
            String sex,
            boolean deceased) {
        this(nik, kk, fullName, placeOfBirth, dateOfBirth, sex, deceased, null, null, null);
    }

    @Override
    public String toString() {
        return "CivilRecord[nik=" + id.lumbung.core.nik.Nik.mask(nik) + "]";
    }
}
