package id.lumbung.core.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.util.UUID;

/**
 * A household row as Micronaut Data maps it: {@code tenantId} is the discriminator, filled and
 * filtered from the enclosing tenant transaction, never from the caller.
 */
@MappedEntity("household")
record HouseholdRow(
        @Id UUID id,
        @TenantId String tenantId,
        String villageCode,
        String address,
        String headName,
        int memberCount,
        @Nullable Integer desil) {

    static HouseholdRow of(Household household) {
        return new HouseholdRow(
                household.id(),
                household.tenantId(),
                household.villageCode(),
                household.address(),
                household.headName(),
                household.memberCount(),
                household.desil());
    }

    Household toHousehold() {
        return new Household(tenantId, id, villageCode, address, headName, memberCount, desil);
    }
}
