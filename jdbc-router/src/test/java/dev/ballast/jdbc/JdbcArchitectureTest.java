package dev.ballast.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class JdbcArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.ballast.jdbc");

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
  void theRouterDependsOnNoDriver() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.postgresql..")
        .because("users bring their own driver; PostgreSQL is reached through plain JDBC")
        .check(classes);
  }
}
