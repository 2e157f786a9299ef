package id.lumbung.core.region;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A Kemendagri region.
 *
 * @param code the dotted code, e.g. {@code 74.71}
 * @param name the official name, e.g. {@code Kota Kendari}
 * @param level province, regency/city, district or village
 * @param parentCode the code of the enclosing region, {@code null} for a province
 */
@Serdeable
public record Region(String code, String name, RegionLevel level, String parentCode) {}
