package id.lumbung.core.household;

import java.util.UUID;

/**
 * A family (one KK) in a tenant's registry. The full registry model arrives with the registry
 * issue; this is the part the walking skeleton needs.
 *
 * @param tenantId the tenant
 * @param id the household's id
 * @param villageCode the Kemendagri village code, e.g. {@code 74.71.01.1001}
 * @param address street address with RT/RW
 * @param headName name of the head of household
 * @param memberCount number of members
 * @param desil the welfare decile (1 = poorest 10%), if known
 */
public record Household(
        String tenantId,
        UUID id,
        String villageCode,
        String address,
        String headName,
        int memberCount,
        Integer desil) {}
