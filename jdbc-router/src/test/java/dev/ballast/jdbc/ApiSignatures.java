package dev.ballast.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.util.ArrayList;
import java.util.List;

/** Checks that no public member of a public API type mentions an {@code internal} type. */
final class ApiSignatures {
  private ApiSignatures() {}

  static void assertNoInternalTypesInPublicApi(JavaClasses classes, String rootPackage) {
    List<String> violations = new ArrayList<>();
    for (JavaClass c : classes) {
      if (!c.getPackageName().startsWith(rootPackage)
          || c.getPackageName().contains(".internal")
          || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      for (JavaCodeUnit m : c.getCodeUnits()) {
        if (!m.getModifiers().contains(JavaModifier.PUBLIC)) {
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
      for (JavaClass s : c.getAllRawInterfaces()) {
        if (s.getPackageName().contains(".internal")) {
          violations.add(c.getName() + " implements " + s.getName());
        }
      }
    }
    assertThat(violations).as("public API mentioning internal types").isEmpty();
  }
}
