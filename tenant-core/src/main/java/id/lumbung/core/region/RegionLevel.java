package id.lumbung.core.region;

/** Levels of the Kemendagri region code {@code PP.KK.CC.DDDD}. */
public enum RegionLevel {
    /** Provinsi, e.g. {@code 74}. */
    PROVINCE(1),
    /** Kabupaten/kota, e.g. {@code 74.71}; a tenant is one of these. */
    REGENCY(2),
    /** Kecamatan, e.g. {@code 74.71.01}. */
    DISTRICT(3),
    /** Kelurahan/desa, e.g. {@code 74.71.01.1001}. */
    VILLAGE(4);

    private final int number;

    RegionLevel(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static RegionLevel of(int number) {
        for (RegionLevel level : values()) {
            if (level.number == number) {
                return level;
            }
        }
        throw new IllegalArgumentException("No region level " + number);
    }
}
