package id.lumbung.core.verification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A verification batch and how far it got.
 *
 * @param id the batch
 * @param villageCode the village verified, or {@code null} for the whole registry
 * @param total members to verify (those with a NIK)
 * @param done answered
 * @param failed given up (dead letters)
 * @param withDifferences answered with at least one difference (deceased included)
 * @param createdAt when it was asked
 * @param differences the members whose data differs from Dukcapil's, first 500
 */
public record Verification(
        UUID id,
        String villageCode,
        int total,
        long done,
        long failed,
        long withDifferences,
        Instant createdAt,
        List<Difference> differences) {

    /**
     * A member whose registry data differs from Dukcapil's.
     *
     * @param memberId the member
     * @param householdId its household
     * @param fullName its name in the registry
     * @param nikMasked its NIK, masked
     * @param result Dukcapil's result
     * @param deceased whether Dukcapil records a death
     * @param nameScore Dukcapil's similarity of the name, if given
     * @param fields the fields that differ: name, birth_place, birth_date, sex, kk
     */
    public record Difference(
            UUID memberId,
            UUID householdId,
            String fullName,
            String nikMasked,
            String result,
            Boolean deceased,
            Integer nameScore,
            List<String> fields) {}
}
