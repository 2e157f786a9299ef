package id.lumbung.core.oversight;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The figures of a district or a village of a tenant (the drill-down): sums of its villages, and
 * the data-quality score computed from those sums by the same formula.
 *
 * @param code the Kemendagri code of the district or village
 * @param name its name
 * @param villages how many villages it has figures for
 * @param desil households by desil 1 to 10 and without one, comma-separated
 * @param quality the data-quality score, 0 to 100; {@code null} where nobody is registered
 */
@Serdeable
public record AreaFigures(
        String code,
        String name,
        int villages,
        int households,
        int people,
        String desil,
        int withNik,
        int verified,
        int matching,
        int withoutHead,
        int openDuplicates,
        int openProposals,
        @Nullable Double quality) {}
