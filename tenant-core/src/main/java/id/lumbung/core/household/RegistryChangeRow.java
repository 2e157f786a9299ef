package id.lumbung.core.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** One entry of a household's or member's history, as Micronaut Data maps it. */
@MappedEntity("registry_change")
record RegistryChangeRow(
        @Id UUID id,
        @TenantId String tenantId,
        String entity,
        UUID entityId,
        String kind,
        @TypeDef(type = DataType.STRING_ARRAY) String[] fields,
        String source,
        @Nullable String reason,
        @Nullable UUID importId,
        String changedBy,
        Instant changedAt) {

    /** A household an operator registered: created, with the fields it was given. */
    static RegistryChangeRow created(Household household, String by, List<String> fields) {
        return new RegistryChangeRow(
                UUID.randomUUID(),
                household.tenantId(),
                "HOUSEHOLD",
                household.id(),
                "CREATED",
                fields.toArray(String[]::new),
                "OPERATOR",
                null,
                null,
                by,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    HouseholdDetail.Change toChange() {
        return new HouseholdDetail.Change(entity, entityId, kind, List.of(fields), source, changedBy, changedAt);
    }
}
