package dev.ballast.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JdbcArchitectureTest {
  // Only this module's output directory: scanning the class path for the package would open
  // every jar on it, PostgreSQL's binaries among them, which takes seconds.
  private static final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPath(mainClasses());

  private static Path mainClasses() {
    try {
      return Path.of(
          RoutingDataSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void publicApiExposesNoInternalTypes() {
    ApiSignatures.assertNoInternalTypesInPublicApi(classes, "dev.ballast.jdbc");
  }

  @Test
  void micrometerIsReachedOnlyThroughMeterSupport() {
    // Micrometer is optional: only classes loaded when the user hands in a registry may use it.
    noClasses()
        .that()
        .doNotHaveSimpleName("MeterSupport")
        .and()
        .doNotHaveSimpleName("JdbcMeters")
        .and()
        .doNotHaveSimpleName("RoutingDataSource")
        .and()
        .doNotHaveSimpleName("Builder")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.micrometer..")
        .because("Micrometer is an optional dependency")
        .check(classes);
  }

  @Test
  void theRouterUsesOnlyHikariCpsPublicApi() {
    // com.zaxxer.hikari.pool is HikariCP's implementation: casting to HikariPool tied the router to
    // one HikariCP version and made its borrows count as timeouts (issue 13, point 5).
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.zaxxer.hikari.pool..")
        .because("HikariCP is reached through HikariDataSource and its MXBeans only")
        .check(classes);
  }

  @Test
  void theRouterDependsOnNoDriver() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.postgresql..")
        .because("users bring their own driver; PostgreSQL is reached through plain JDBC")
        .check(classes);
  }
}
