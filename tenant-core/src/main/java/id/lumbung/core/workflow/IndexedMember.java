package id.lumbung.core.workflow;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/**
 * A registry member as the workflow's checks look it up: by blind index only, in the tenants a
 * transaction allows (row-level security), including the other tenants of a province. No name,
 * no NIK: a check says where a NIK is registered, never whose it is.
 */
@MappedEntity("member")
record IndexedMember(@Id UUID id, String tenantId, UUID householdId, String status) {}
