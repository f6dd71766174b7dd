package dev.ballast.lb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class LbArchitectureTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .importPackages("dev.ballast.lb");

  @Test
  void lbCoreKnowsNoTransport() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.netty..", "java.sql..", "javax.sql..")
        .because("lb-core knows no transport (DESIGN §1)")
        .check(classes);
  }

  @Test
  void theTickerAndItsSystemInstanceDependOnNothingInternal() {
    // Ticker.system() once returned internal.SystemTicker, which implemented Ticker: an import
    // cycle between the public clock and the internal package (issue 12 §7).
    noClasses()
        .that()
        .haveSimpleName("Ticker")
        .or()
        .haveSimpleName("SystemTicker")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ballast.lb.internal..")
        .check(classes);
  }

  @Test
  void publicApiExposesNoInternalTypes() {
    ApiSignatures.assertNoInternalTypesInPublicApi(classes, "dev.ballast.lb");
  }
}
