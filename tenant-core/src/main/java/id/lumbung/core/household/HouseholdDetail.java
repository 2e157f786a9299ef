package id.lumbung.core.household;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A household with its members, its poverty criteria and the history of its changes; KK and
 * NIKs masked.
 *
 * @param household the household's summary
 * @param iddtks the ministry's id, if imported
 * @param kkMasked the KK number, masked
 * @param dusun hamlet
 * @param rt RT
 * @param rw RW
 * @param status ACTIVE, INACTIVE or LEFT
 * @param desilSource where the desil came from
 * @param desilDate when it was set
 * @param criteria the poverty criteria of domain.md as recorded, by the {@link RegistryField}
 *     catalogue's property names (e.g. {@code drinkingWater}), in its order
 * @param members its members, head first
 * @param history its latest changes and its members', newest first
 * @param sameKk the other households with the same KK number (one family card is one family:
 *     each is a duplicate to resolve or a KK typed wrong)
 */
public record HouseholdDetail(
        Household household,
        String iddtks,
        String kkMasked,
        String dusun,
        String rt,
        String rw,
        String status,
        String desilSource,
        LocalDate desilDate,
        Map<String, Object> criteria,
        List<Member> members,
        List<Change> history,
        List<SameKk> sameKk) {

    /**
     * Another household with the same KK number.
     *
     * @param id the household, {@code null} when it is outside the caller's reach
     * @param iddtks its DTKS id
     * @param villageCode its village
     */
    public record SameKk(UUID id, String iddtks, String villageCode) {}

    /**
     * One change of the household or a member.
     *
     * @param entity HOUSEHOLD or MEMBER
     * @param entityId which one
     * @param kind CREATED or UPDATED
     * @param fields the fields that changed
     * @param source IMPORT, OPERATOR, FIELD_VISIT or DUKCAPIL
     * @param changedBy who
     * @param changedAt when
     */
    public record Change(
            String entity,
            UUID entityId,
            String kind,
            List<String> fields,
            String source,
            String changedBy,
            Instant changedAt) {}
}
