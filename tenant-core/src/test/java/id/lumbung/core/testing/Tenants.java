package id.lumbung.core.testing;

import id.lumbung.core.error.LumbungException;
import id.lumbung.core.tenant.Tenant;
import id.lumbung.core.tenant.TenantRepository;
import id.lumbung.core.tenant.TenantService;
import jakarta.inject.Singleton;

/** Test fixture: makes sure a tenant exists, whichever test class of this JVM created it first. */
@Singleton
public final class Tenants {
    private final TenantService service;
    private final TenantRepository repository;

    Tenants(TenantService service, TenantRepository repository) {
        this.service = service;
        this.repository = repository;
    }

    public Tenant ensure(String regionCode) {
        try {
            return service.create(regionCode, "test");
        } catch (LumbungException e) {
            if (!"tenant_exists".equals(e.code())) {
                throw e;
            }
            return repository.findById(regionCode.replace(".", "")).orElseThrow();
        }
    }
}
