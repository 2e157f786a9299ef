package id.lumbung.connectors.camel;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/** The one Camel context of the process. No Camel–Micronaut integration exists; this is all it takes. */
@Factory
final class CamelFactory {

    @Singleton
    @Bean(preDestroy = "close")
    CamelContext camelContext() {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("lumbung");
        context.setStreamCaching(false);
        return context;
    }
}
