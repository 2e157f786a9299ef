package id.lumbung.core.household;

import java.util.Locale;
import java.util.Optional;

/**
 * A member's relationship to the head of household, as DTKS exports write it ({@link #label()})
 * and as the registry stores it ({@link #name()}). The export's numeric codes 1–9 are read too.
 */
public enum Relationship {
    KEPALA_KELUARGA("Kepala Keluarga", "kepala rumah tangga"),
    ISTRI("Istri"),
    SUAMI("Suami"),
    ANAK("Anak"),
    MENANTU("Menantu"),
    CUCU("Cucu"),
    ORANG_TUA("Orang Tua", "orangtua"),
    MERTUA("Mertua"),
    FAMILI_LAIN("Famili Lain"),
    LAINNYA("Lainnya");

    /** The numeric codes some exports use, in order (SUAMI has none). */
    private static final Relationship[] CODES = {
        KEPALA_KELUARGA, ISTRI, ANAK, MENANTU, CUCU, ORANG_TUA, MERTUA, FAMILI_LAIN, LAINNYA
    };

    private final String label;
    private final String alias;

    Relationship(String label) {
        this(label, null);
    }

    Relationship(String label, String alias) {
        this.label = label;
        this.alias = alias;
    }

    /** How exports and pages write it, e.g. {@code Kepala Keluarga}. */
    public String label() {
        return label;
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    /** The relationship a cell names, whatever its case, spacing or separators; or a code 1–9. */
    public static Optional<Relationship> parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('/', ' ');
        value = SPACES.matcher(value).replaceAll(" ");
        if (value.length() == 1 && value.charAt(0) >= '1' && value.charAt(0) <= '9') {
            return Optional.of(CODES[value.charAt(0) - '1']);
        }
        for (Relationship relationship : values()) {
            if (value.equals(relationship.label.toLowerCase(Locale.ROOT)) || value.equals(relationship.alias)) {
                return Optional.of(relationship);
            }
        }
        return Optional.empty();
    }

    /** The stored code's label; an unknown code reads as {@code Lainnya}. */
    public static String labelOf(String code) {
        for (Relationship relationship : values()) {
            if (relationship.name().equals(code)) {
                return relationship.label;
            }
        }
        return LAINNYA.label;
    }
}
