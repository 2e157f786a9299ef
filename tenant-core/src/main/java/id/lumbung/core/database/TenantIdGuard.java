package id.lumbung.core.database;

import io.micronaut.data.annotation.TenantId;
import io.micronaut.data.event.EntityEventContext;
import io.micronaut.data.event.EntityEventListener;
import io.micronaut.data.model.runtime.RuntimePersistentEntity;
import io.micronaut.data.model.runtime.RuntimePersistentProperty;
import io.micronaut.data.runtime.multitenancy.TenantResolver;
import jakarta.inject.Singleton;
import java.lang.annotation.Annotation;

/**
 * Micronaut Data fills an empty {@code @TenantId} from the transaction's tenant but keeps one
 * that is already set. This guard refuses to insert, update or delete a row whose tenant is not
 * the transaction's, so the discriminator layer holds for writes even if row-level security
 * were widened by mistake.
 */
@Singleton
final class TenantIdGuard implements EntityEventListener<Object> {
    private final TenantResolver tenants;

    TenantIdGuard(TenantResolver tenants) {
        this.tenants = tenants;
    }

    @Override
    public boolean supports(RuntimePersistentEntity<Object> entity, Class<? extends Annotation> eventType) {
        return entity.getPersistentProperties().stream()
                .anyMatch(property -> property.getAnnotationMetadata().hasStereotype(TenantId.class));
    }

    @Override
    public boolean prePersist(EntityEventContext<Object> context) {
        return requireTransactionTenant(context);
    }

    @Override
    public boolean preUpdate(EntityEventContext<Object> context) {
        return requireTransactionTenant(context);
    }

    @Override
    public boolean preRemove(EntityEventContext<Object> context) {
        return requireTransactionTenant(context);
    }

    private boolean requireTransactionTenant(EntityEventContext<Object> context) {
        for (RuntimePersistentProperty<Object> property :
                context.getPersistentEntity().getPersistentProperties()) {
            if (property.getAnnotationMetadata().hasStereotype(TenantId.class)) {
                Object value = property.getProperty().get(context.getEntity());
                if (value != null && !value.toString().equals(tenants.resolveTenantIdentifier())) {
                    throw new IllegalStateException("A row of another tenant cannot be written in this transaction");
                }
            }
        }
        return true;
    }
}
