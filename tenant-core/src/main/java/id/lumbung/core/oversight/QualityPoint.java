package id.lumbung.core.oversight;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/**
 * A data-quality score as it was from a day on (until the next point).
 *
 * @param tenantId the tenant
 * @param villageCode the village, or {@code ""} for the tenant as a whole
 * @param day the day the score became this
 * @param quality the score, 0 to 100, or {@code null} (nobody registered)
 */
@Serdeable
public record QualityPoint(String tenantId, String villageCode, LocalDate day, @Nullable Double quality) {}
