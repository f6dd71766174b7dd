package dev.ballast.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the demo's machinery out of its small public API. */
class ExamplesArchitectureTest {

  // The module's own classes only: scanning the class path for the package opens every jar,
  // among them tens of megabytes of PostgreSQL binaries.
  private static final JavaClasses CLASSES =
      new ClassFileImporter().importPath(Path.of("target", "classes"));

  @Test
  void publicSignaturesUseNoInternalType() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type :
        List.of(
            Demo.class, DemoOptions.class, Summary.class, ActResult.class, DatabaseResult.class)) {
      for (Method m : type.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers())) {
          continue;
        }
        check(leaks, m.toGenericString(), m.getReturnType());
        for (Class<?> p : m.getParameterTypes()) {
          check(leaks, m.toGenericString(), p);
        }
      }
      if (type.isRecord()) {
        for (RecordComponent c : type.getRecordComponents()) {
          check(leaks, type.getSimpleName() + "." + c.getName(), c.getType());
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static void check(List<String> leaks, String where, Class<?> type) {
    if (type.getName().contains(".internal.")) {
      leaks.add(where + " uses " + type.getName());
    }
  }

  @Test
  void internalPackagesDoNotDependOnTheEntryPoint() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("dev.ballast.examples.internal..")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(Demo.class);
    rule.check(CLASSES);
  }
}
