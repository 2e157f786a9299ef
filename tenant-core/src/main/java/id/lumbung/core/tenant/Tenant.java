package id.lumbung.core.tenant;

import java.time.Instant;

/**
 * A regency/city social office (Dinas Sosial kabupaten/kota): the unit of tenancy.
 *
 * @param id the regency/city code without dots, e.g. {@code 7471}
 * @param regionCode the dotted Kemendagri code, e.g. {@code 74.71}
 * @param name the official name in capitals, e.g. {@code KOTA KENDARI}
 * @param provinceId the province code, e.g. {@code 74}
 * @param createdAt when the tenant was onboarded
 */
public record Tenant(String id, String regionCode, String name, String provinceId, Instant createdAt) {}
