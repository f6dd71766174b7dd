package dev.ballast.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.HashSet;
import java.util.Set;

/** Keeps the testkit's implementation packages out of its public API. */
@AnalyzeClasses(
    packages = "dev.ballast.testkit",
    importOptions = ImportOption.DoNotIncludeTests.class)
class TestkitArchitectureTest {

  private static final String INTERNAL = ".internal";

  @ArchTest
  static final ArchRule publicApiExposesNoInternalTypes =
      classes()
          .that()
          .resideInAPackage("dev.ballast.testkit")
          .and()
          .arePublic()
          .should(exposeNoInternalTypes());

  private static ArchCondition<JavaClass> exposeNoInternalTypes() {
    return new ArchCondition<>("expose no ..internal.. type in a public signature") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        Set<JavaClass> exposed = new HashSet<>();
        type.getRawSuperclass().ifPresent(exposed::add);
        exposed.addAll(type.getRawInterfaces());
        for (JavaMember member : type.getMembers()) {
          if (member.getModifiers().contains(JavaModifier.PUBLIC)
              || member.getModifiers().contains(JavaModifier.PROTECTED)) {
            exposed.addAll(member.getAllInvolvedRawTypes());
          }
        }
        for (JavaClass used : exposed) {
          if (used.getPackageName().contains(INTERNAL)) {
            events.add(
                SimpleConditionEvent.violated(
                    type, type.getName() + " exposes " + used.getName() + " publicly"));
          }
        }
      }
    };
  }
}
