package id.lumbung.gateway.health;

import id.lumbung.core.database.DatabaseMigrator;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** {@code /health} is UP only once the schema migrations and the region data are in place. */
@Singleton
final class MigrationHealthIndicator implements HealthIndicator {
    private final DatabaseMigrator migrator;

    MigrationHealthIndicator(DatabaseMigrator migrator) {
        this.migrator = migrator;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(
                HealthResult.builder("migrations", migrator.isMigrated() ? HealthStatus.UP : HealthStatus.DOWN)
                        .build());
    }
}
