package id.lumbung.core.workflow;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A village meeting (musyawarah desa/kelurahan) where proposals were agreed, with its minutes' hash. */
@MappedEntity("musyawarah")
record MusyawarahRow(
        @Id UUID id,
        @TenantId String tenantId,
        String villageCode,
        LocalDate heldOn,
        String place,
        int attendees,
        String minutesSha256,
        String createdBy,
        Instant createdAt) {}
