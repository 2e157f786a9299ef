package id.lumbung.core.civilsync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A synchronisation of the registry with Dukcapil and where it stands.
 *
 * @param id the run
 * @param villageCode the village looked at, or {@code null} for the whole registry
 * @param members members looked at
 * @param requestedBy who started it
 * @param createdAt when
 * @param asking items still waiting for Dukcapil's answers
 * @param resolved items resolved automatically
 * @param waiting items waiting for a person, with the fields that differ
 * @param outcomes how many items ended how (e.g. {@code name_corrected}, {@code needs_ktp})
 */
public record CivilSync(
        UUID id,
        String villageCode,
        int members,
        String requestedBy,
        Instant createdAt,
        long asking,
        long resolved,
        long waiting,
        Map<String, Long> outcomes) {

    /**
     * One record found out of sync.
     *
     * @param id the item
     * @param reason why it was picked: {@code nik_disagrees}, {@code name_oddly_spelt},
     *     {@code nik_missing_adult}, {@code head_deceased}, {@code household_without_head},
     *     {@code several_heads}, {@code household_moved}, or the code of a line the last import refused
     * @param state ASKING, RESOLVED or WAITING
     * @param outcome what came of it (e.g. {@code nik_corrected}, {@code name_corrected},
     *     {@code in_sync}, {@code deceased}, {@code not_found}, {@code differs}, {@code needs_ktp})
     * @param memberId the member, if it is about one
     * @param householdId the household, if any
     * @param villageCode its village, if known
     * @param importLine the line of the import file it was refused on, if it is about one
     * @param fullName the name in the registry
     * @param nikMasked the NIK, masked
     * @param differences the fields that differ, here and at Dukcapil (NIK and KK masked)
     * @param proposalId the proposal made of it (a new head, a death), if any
     * @param createdAt when it was found
     * @param updatedAt when it last changed
     */
    public record Item(
            UUID id,
            String reason,
            String state,
            String outcome,
            UUID memberId,
            UUID householdId,
            String villageCode,
            Long importLine,
            String fullName,
            String nikMasked,
            List<Difference> differences,
            UUID proposalId,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * A field that differs.
     *
     * @param field name, nik, birth_date, sex, kk, birth_place, or an import column
     * @param here the registry's value (or what is wrong with it)
     * @param dukcapil Dukcapil's value, if asked
     * @param suggestion a likely repair read from the record itself (a refused row's birth date
     *     from its NIK, two swapped digits), for a person to confirm; never a full NIK
     */
    @io.micronaut.serde.annotation.Serdeable
    public record Difference(
            String field, String here, String dukcapil, @io.micronaut.core.annotation.Nullable String suggestion) {
        public Difference(String field, String here, String dukcapil) {
            this(field, here, dukcapil, null);
        }
    }
}
