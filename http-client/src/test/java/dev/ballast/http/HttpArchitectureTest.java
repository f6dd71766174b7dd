package dev.ballast.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpArchitectureTest {
  private final JavaClasses classes =
      // Only this module's compiled classes: scanning the class path for the package is slow.
      new ClassFileImporter().importPath(Path.of("target", "classes"));

  @Test
  void importedTheWholeModule() {
    assertThat(classes.contain("dev.ballast.http.BallastHttpClient")).isTrue();
    assertThat(classes.contain("dev.ballast.http.internal.Call")).isTrue();
  }

  @Test
  void publicApiExposesNoInternalTypes() {
    List<String> violations = new ArrayList<>();
    for (JavaClass c : classes) {
      if (c.getPackageName().contains(".internal")
          || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      for (JavaCodeUnit m : c.getCodeUnits()) {
        if (!m.getModifiers().contains(JavaModifier.PUBLIC)
            && !m.getModifiers().contains(JavaModifier.PROTECTED)) {
          continue;
        }
        for (JavaClass t : m.getAllInvolvedRawTypes()) {
          if (t.getPackageName().contains(".internal")) {
            violations.add(m.getFullName() + " mentions " + t.getName());
          }
        }
      }
      for (JavaField f : c.getFields()) {
        if (f.getModifiers().contains(JavaModifier.PUBLIC)
            && f.getRawType().getPackageName().contains(".internal")) {
          violations.add(f.getFullName() + " is of " + f.getRawType().getName());
        }
      }
      for (JavaClass s : c.getAllRawSuperclasses()) {
        if (s.getPackageName().contains(".internal")) {
          violations.add(c.getName() + " extends " + s.getName());
        }
      }
      for (JavaClass s : c.getAllRawInterfaces()) {
        if (s.getPackageName().contains(".internal")) {
          violations.add(c.getName() + " implements " + s.getName());
        }
      }
    }
    assertThat(violations).as("public API mentioning internal types").isEmpty();
  }

  @Test
  void publicApiExposesNoNettyTypes() {
    List<String> violations = new ArrayList<>();
    for (JavaClass c : classes) {
      if (c.getPackageName().contains(".internal")) {
        continue;
      }
      for (JavaCodeUnit m : c.getCodeUnits()) {
        if (m.getModifiers().contains(JavaModifier.PUBLIC)) {
          for (JavaClass t : m.getAllInvolvedRawTypes()) {
            if (t.getPackageName().startsWith("io.netty")) {
              violations.add(m.getFullName() + " mentions " + t.getName());
            }
          }
        }
      }
    }
    assertThat(violations).as("public API mentioning Netty types").isEmpty();
  }

  @Test
  void onlyTheMicrometerAdapterAndTheRegistryOverloadsTouchMicrometer() {
    noClasses()
        .that()
        .resideInAPackage("dev.ballast.http.internal")
        .and()
        .haveNameNotMatching("dev\\.ballast\\.http\\.internal\\.MicrometerClientMetrics(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.micrometer..", "io.github.resilience4j.micrometer..")
        .because("a client without a registry must not load Micrometer")
        .check(classes);
  }

  @Test
  void internalClassesNeverReferToTheEntryPoint() {
    // BallastHttpClient depends on internal (ClientCore, PropertiesBinder); the reverse edge made
    // a cycle that hid which side owns the configuration.
    noClasses()
        .that()
        .resideInAPackage("dev.ballast.http.internal")
        .should()
        .dependOnClassesThat()
        .haveNameMatching("dev\\.ballast\\.http\\.BallastHttpClient(\\$.*)?")
        .check(classes);
  }
}
