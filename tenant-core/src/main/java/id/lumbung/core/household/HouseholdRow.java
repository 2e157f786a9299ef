package id.lumbung.core.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A household row as Micronaut Data maps it: {@code tenantId} is the discriminator, filled and
 * filtered from the enclosing tenant transaction, never from the caller. The poverty criteria
 * are not mapped here: they follow the {@link RegistryField} catalogue ({@link RegistryReads}).
 */
@MappedEntity("household")
record HouseholdRow(
        @Id UUID id,
        @TenantId String tenantId,
        String villageCode,
        String address,
        String headName,
        int memberCount,
        @Nullable Integer desil,
        @Nullable String iddtks,
        @Nullable String kkIndex,
        @Nullable String kkMasked,
        @Nullable String dusun,
        @Nullable String rt,
        @Nullable String rw,
        String status,
        @Nullable String desilSource,
        @Nullable LocalDate desilDate) {

    /** A household registered by an operator: no KK yet, the criteria come with the first visit. */
    static HouseholdRow of(Household household) {
        return new HouseholdRow(
                household.id(),
                household.tenantId(),
                household.villageCode(),
                household.address(),
                household.headName(),
                household.memberCount(),
                household.desil(),
                null,
                null,
                null,
                null,
                null,
                null,
                "ACTIVE",
                household.desil() == null ? null : "OPERATOR",
                household.desil() == null ? null : LocalDate.now());
    }

    Household toHousehold() {
        return new Household(tenantId, id, villageCode, address, headName, memberCount, desil);
    }
}
