package id.lumbung.core.household;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Whether a member is alive, deceased or moved away: stored by name, written as DTKS writes it. */
public enum MemberStatus {
    ALIVE("Hidup", Set.of("", "hidup", "ada", "aktif")),
    DECEASED("Meninggal", Set.of("meninggal", "meninggal dunia", "wafat")),
    MOVED("Pindah", Set.of("pindah", "pindah domisili"));

    private final String label;
    private final Set<String> spellings;

    MemberStatus(String label, Set<String> spellings) {
        this.label = label;
        this.spellings = spellings;
    }

    public String label() {
        return label;
    }

    /** The status a cell names; an empty cell is {@code ALIVE}. */
    public static Optional<MemberStatus> parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        for (MemberStatus status : values()) {
            if (status.spellings.contains(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** The stored code's label, or empty for an unknown one. */
    public static String labelOf(String code) {
        for (MemberStatus status : values()) {
            if (status.name().equals(code)) {
                return status.label;
            }
        }
        return "";
    }
}
