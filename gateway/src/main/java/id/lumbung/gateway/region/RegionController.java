package id.lumbung.gateway.region;

import id.lumbung.core.access.Public;
import id.lumbung.core.error.ErrorCode;
import id.lumbung.core.error.LumbungException;
import id.lumbung.core.region.Region;
import id.lumbung.core.region.RegionCode;
import id.lumbung.core.region.RegionRepository;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Kemendagri regions (reference data). */
@Controller("/api/v1/regions")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "regions")
@SecurityRequirement(name = "bearer")
class RegionController {
    private final RegionRepository regions;

    RegionController(RegionRepository regions) {
        this.regions = regions;
    }

    @Public("reference data (Kemendagri region codes), for any caller who is logged in")
    @Get("/{code}")
    @Operation(summary = "A region by its Kemendagri code (with or without dots), with its children")
    RegionResponse get(@PathVariable String code) {
        String normalised = RegionCode.normalise(code);
        Region region = regions.find(normalised)
                .orElseThrow(
                        () -> new LumbungException(ErrorCode.REGION_NOT_FOUND, "No region has the code " + normalised));
        return new RegionResponse(
                region.code(), region.name(), region.level().name(), region.parentCode(), regions.children(normalised));
    }

    /**
     * A region and the regions directly inside it.
     *
     * @param code the dotted code
     * @param name the official name
     * @param level PROVINCE, REGENCY, DISTRICT or VILLAGE
     * @param parentCode the enclosing region
     * @param children the regions one level down
     */
    @Serdeable
    record RegionResponse(String code, String name, String level, String parentCode, List<Region> children) {}
}
