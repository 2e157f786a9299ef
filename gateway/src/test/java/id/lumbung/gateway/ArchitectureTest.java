package id.lumbung.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import id.lumbung.core.access.Caller;
import id.lumbung.core.access.Role;

/** Dependencies point one way: gateway → admin-ui, connectors, simulators → tenant-core. */
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
                    "id.lumbung.simulators..",
                    "id.lumbung.ui..",
                    "id.lumbung.gateway..");

    /** The simulators stand in for agencies through tenant-core's ports; they know nothing else of ours. */
    @ArchTest
    static final ArchRule simulatorsKnowOnlyTheCore = noClasses()
            .that()
            .resideInAPackage("id.lumbung.simulators..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("id.lumbung.connectors..", "id.lumbung.ui..", "id.lumbung.gateway..");

    /** No production code names a simulator, but the demo and the launcher (--demo, --simulators). */
    @ArchTest
    static final ArchRule onlyTheDemoNamesTheSimulators = noClasses()
            .that()
            .resideOutsideOfPackages("id.lumbung.simulators..", "id.lumbung.gateway.demo..")
            .and()
            .doNotHaveFullyQualifiedName("id.lumbung.gateway.Lumbung")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("id.lumbung.simulators..");

    /** A controller takes its Caller as an argument (CallerBinder): only the edge reads a token. */
    @ArchTest
    static final ArchRule onlyTheEdgeReadsAuthentication = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "id.lumbung.gateway.auth..", "id.lumbung.gateway.edge..", "id.lumbung.gateway.metrics..")
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("io.micronaut.security.authentication.Authentication");

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

    /**
     * One place decides what a caller may do: the authorizer, from the permission matrix. Nothing
     * else asks a caller for its roles or a role for its level.
     */
    @ArchTest
    static final ArchRule onlyTheAuthorizerChecksRoles = noClasses()
            .that()
            .resideOutsideOfPackage("id.lumbung.core.access..")
            // The list of tenants names the caller's roles in Bahasa Indonesia: a label, no decision.
            .and()
            .doNotHaveSimpleName("Pages")
            .should()
            .callMethod(Caller.class, "roles")
            .orShould()
            .callMethod(Role.class, "level")
            .because("a role check outside the Authorizer is a permission decided in a second place");

    /** Role constants are data (a user's roles, labels of the pages), never a branch of a decision. */
    @ArchTest
    static final ArchRule roleConstantsAreNotCompared = noClasses()
            .that()
            .resideOutsideOfPackages("id.lumbung.core.access..", "id.lumbung.gateway.demo..")
            .and()
            .doNotHaveSimpleName("Pages")
            // Tests of tenant-core arrive as a jar, which DoNotIncludeTests does not recognise.
            .and()
            .haveSimpleNameNotEndingWith("Test")
            .should()
            .accessFieldWhere(DescribedPredicate.describe(
                    "a constant of Role", access -> access.getTargetOwner().isEquivalentTo(Role.class)));

    /**
     * Hand-written JDBC today (decision 0017): COPY and set-based bulk work belong here for good
     * (the import, the export, the outbox's claims, the audit chain, the database plumbing);
     * the others are features whose ordinary reads and writes still wait to move to Micronaut
     * Data. The list only shrinks: a new class writing JDBC by hand fails this test.
     */
    private static final java.util.Set<String> HAND_JDBC = java.util.Set.of(
            // bulk and plumbing, for good
            "id.lumbung.core.database.AppLogin",
            "id.lumbung.core.database.CitusDistribution", // run by --migrate, before any bean exists
            "id.lumbung.core.database.EmbeddedDatabase",
            "id.lumbung.core.database.Rows",
            "id.lumbung.core.database.Statistics",
            "id.lumbung.core.paging.Keyset", // keyset pages and their counts, for every list
            "id.lumbung.core.database.TenantTransactions",
            "id.lumbung.core.registry.ImportRunner",
            "id.lumbung.core.registry.ImportRepository", // the run's lock, progress, end and issue batch
            "id.lumbung.core.household.RegistryExport",
            "id.lumbung.core.outbox.Outbox",
            "id.lumbung.core.audit.AuditLog",
            "id.lumbung.core.audit.AuditCheckpoints",
            "id.lumbung.core.region.RegionDataMigration",
            "id.lumbung.core.registry.NameKeyMigration",
            "id.lumbung.core.access.Reach",
            "id.lumbung.core.operations.Watch", // aggregates across every tenant, for the alert gauges
            // still to move
            "id.lumbung.core.access.AccessMatrix",
            "id.lumbung.core.access.PermissionMatrix",
            "id.lumbung.core.connector.ConnectorControl",
            "id.lumbung.core.disbursement.DisbursementService",
            "id.lumbung.core.disbursement.ReconciliationService",
            "id.lumbung.core.household.HouseholdAssignments",
            "id.lumbung.core.household.HouseholdRepository",
            "id.lumbung.core.household.RegistryReads",
            "id.lumbung.core.ministry.MinistryExchange",
            "id.lumbung.core.ministry.MinistryListService",
            "id.lumbung.core.region.RegionRepository",
            "id.lumbung.core.student.StudentService",
            "id.lumbung.core.tenant.TenantRepository",
            "id.lumbung.core.user.RefreshTokens",
            "id.lumbung.core.user.UserRepository",
            "id.lumbung.core.verification.VerificationService");

    /** The list names only classes that still write JDBC by hand: a class that moved leaves it. */
    @ArchTest
    static void theHandJdbcListIsCurrent(com.tngtech.archunit.core.domain.JavaClasses classes) {
        for (String name : HAND_JDBC) {
            boolean handWritten = classes.get(name).getDirectDependenciesFromSelf().stream()
                    .anyMatch(
                            dependency -> dependency.getTargetClass().getName().equals("java.sql.PreparedStatement")
                                    || dependency.getTargetClass().getName().equals("java.sql.Statement"));
            org.assertj.core.api.Assertions.assertThat(handWritten)
                    .as(name + " writes no JDBC by hand any more: take it off HAND_JDBC")
                    .isTrue();
        }
    }

    @ArchTest
    static final ArchRule ordinaryPersistenceGoesThroughMicronautData = noClasses()
            .that(DescribedPredicate.describe(
                    "are not listed in HAND_JDBC (nor tests of tenant-core, which arrive as a jar)",
                    (com.tngtech.archunit.core.domain.JavaClass type) -> {
                        String name = type.getName().replaceAll("\\$.*", "");
                        return !HAND_JDBC.contains(name)
                                && !name.endsWith("Test")
                                && !name.startsWith("id.lumbung.core.testing.");
                    }))
            .should()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.sql.PreparedStatement")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("java.sql.Statement")
            .because("ordinary reads and writes use Micronaut Data; hand JDBC is for bulk work (decision 0017)");

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
