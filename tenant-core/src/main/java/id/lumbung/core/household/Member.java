package id.lumbung.core.household;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A member of a household as the registry shows it: the NIK masked (the full value is a
 * separate, audited read).
 *
 * @param id the member's id
 * @param householdId its household
 * @param nikMasked the NIK with all but its last four digits hidden, or {@code null} if none yet
 * @param fullName full name
 * @param birthPlace place of birth
 * @param birthDate date of birth
 * @param sex L or P
 * @param relationship relationship to the head (KEPALA_KELUARGA, ISTRI, ANAK, ...)
 * @param motherName mother's maiden name
 * @param occupation occupation
 * @param education education
 * @param disability disability, if any
 * @param status ALIVE, DECEASED or MOVED
 * @param statusDate when the status last changed
 * @param statusSource where that change came from
 */
public record Member(
        UUID id,
        UUID householdId,
        String nikMasked,
        String fullName,
        String birthPlace,
        LocalDate birthDate,
        String sex,
        String relationship,
        String motherName,
        String occupation,
        String education,
        String disability,
        String status,
        LocalDate statusDate,
        String statusSource) {}
