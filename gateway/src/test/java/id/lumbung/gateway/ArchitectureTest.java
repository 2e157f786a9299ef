package id.lumbung.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Dependencies point one way: gateway → admin-ui, connectors → tenant-core. */
@AnalyzeClasses(packages = "id.lumbung", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule tenantCoreKnowsNoCamelAndNoHttp = noClasses()
            .that()
            .resideInAPackage("id.lumbung.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.camel..",
                    "io.micronaut.http..",
                    "io.netty..",
                    "com.sun.net.httpserver..",
                    "id.lumbung.connectors..",
                    "id.lumbung.ui..",
                    "id.lumbung.gateway..");

    @ArchTest
    static final ArchRule connectorsDoNotReachUp = noClasses()
            .that()
            .resideInAPackage("id.lumbung.connectors..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("id.lumbung.ui..", "id.lumbung.gateway..");

    @ArchTest
    static final ArchRule adminUiDoesNotReachUpOrSideways = noClasses()
            .that()
            .resideInAPackage("id.lumbung.ui..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("id.lumbung.gateway..", "id.lumbung.connectors..", "org.apache.camel..");

    @ArchTest
    static final ArchRule noBareRuntimeExceptions = noClasses()
            .that()
            .resideInAPackage("id.lumbung..")
            .should()
            .callConstructor(RuntimeException.class)
            .orShould()
            .callConstructor(RuntimeException.class, String.class)
            .orShould()
            .callConstructor(RuntimeException.class, String.class, Throwable.class);
}
