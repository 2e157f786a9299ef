package id.lumbung.core.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TenantId;
import java.time.LocalDate;
import java.util.UUID;

/** A member row as Micronaut Data maps it; {@code tenantId} is the discriminator. */
@MappedEntity("member")
record MemberRow(
        @Id UUID id,
        @TenantId String tenantId,
        UUID householdId,
        String sourceKey,
        @Nullable String nikEncrypted,
        @Nullable String nikIndex,
        @Nullable String nikMasked,
        String fullName,
        String nameKey,
        @Nullable String birthPlace,
        @Nullable LocalDate birthDate,
        @Nullable String sex,
        String relationship,
        @Nullable String motherName,
        @Nullable String occupation,
        @Nullable String education,
        @Nullable String disability,
        String status,
        @Nullable LocalDate statusDate,
        @Nullable String statusSource) {

    Member toMember() {
        return new Member(
                id,
                householdId,
                nikMasked,
                fullName,
                birthPlace,
                birthDate,
                sex,
                relationship,
                motherName,
                occupation,
                education,
                disability,
                status,
                statusDate,
                statusSource);
    }
}
