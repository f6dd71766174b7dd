package dev.ballast.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.ballast.http.BallastHttpClient;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.lb.LoadBalancer;
import dev.ballast.testkit.HttpInstanceFarm;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/**
 * Rules over the four published modules together, read from the artifacts this module is built
 * against: every package is null-marked (so NullAway checks all of it), and no public or protected
 * signature of the public API mentions an {@code internal} type.
 */
class PublishedModulesArchitectureTest {
  private static final List<String> ROOTS =
      List.of("dev.ballast.lb", "dev.ballast.http", "dev.ballast.jdbc", "dev.ballast.testkit");

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .importUrls(
              List.of(
                  location(LoadBalancer.class),
                  location(BallastHttpClient.class),
                  location(RoutingDataSource.class),
                  location(HttpInstanceFarm.class)));

  /** The class directory or jar a published type was loaded from. */
  private static URL location(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  @Test
  void everyModuleWasImported() {
    for (String root : ROOTS) {
      assertThat(CLASSES.stream().filter(c -> c.getPackageName().equals(root)).count())
          .as("public classes of %s imported", root)
          .isGreaterThan(3);
    }
  }

  @Test
  void everyPackageIsNullMarked() {
    Set<String> unmarked = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      JavaPackage p = c.getPackage();
      boolean marked =
          p.tryGetPackageInfo().map(info -> info.isAnnotatedWith(NullMarked.class)).orElse(false);
      if (!marked) {
        unmarked.add(p.getName());
      }
    }
    assertThat(unmarked).as("packages without @NullMarked package-info").isEmpty();
  }

  @Test
  void publicApiMentionsNoInternalType() {
    List<String> violations = new ArrayList<>();
    for (JavaClass c : CLASSES) {
      if (isInternal(c) || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      for (JavaClass s : c.getAllRawSuperclasses()) {
        if (isInternal(s)) {
          violations.add(c.getName() + " extends " + s.getName());
        }
      }
      for (JavaClass s : c.getAllRawInterfaces()) {
        if (isInternal(s)) {
          violations.add(c.getName() + " implements " + s.getName());
        }
      }
      for (JavaCodeUnit m : c.getCodeUnits()) {
        if (!exposed(m.getModifiers())) {
          continue;
        }
        for (JavaClass t : m.getAllInvolvedRawTypes()) {
          if (isInternal(t)) {
            violations.add(m.getFullName() + " mentions " + t.getName());
          }
        }
        for (JavaClass t : m.getExceptionTypes()) {
          if (isInternal(t)) {
            violations.add(m.getFullName() + " throws " + t.getName());
          }
        }
      }
      for (JavaField f : c.getFields()) {
        if (!exposed(f.getModifiers())) {
          continue;
        }
        for (JavaClass t : f.getAllInvolvedRawTypes()) {
          if (isInternal(t)) {
            violations.add(f.getFullName() + " mentions " + t.getName());
          }
        }
      }
    }
    assertThat(violations).as("public API mentioning internal types").isEmpty();
  }

  private static boolean exposed(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static boolean isInternal(JavaClass c) {
    return c.getPackageName().contains(".internal");
  }
}
