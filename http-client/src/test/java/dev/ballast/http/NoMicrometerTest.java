package dev.ballast.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.testkit.HttpInstanceFarm;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Micrometer is optional: a client without a registry works with no Micrometer on the path. */
class NoMicrometerTest {

  @Test
  void clientWithoutRegistryNeverLoadsMicrometer() throws Exception {
    String path =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    int removed = 0;
    for (String entry : path.split(File.pathSeparator, -1)) {
      if (entry.contains("micrometer")) {
        removed++;
        continue;
      }
      urls.add(new File(entry).toURI().toURL());
    }
    assertThat(removed).as("micrometer jars removed from the class path").isPositive();
    try (HttpInstanceFarm farm =
            HttpInstanceFarm.builder().name("nomicrometer").instances(1).build();
        URLClassLoader loader =
            new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"))
          .isInstanceOf(ClassNotFoundException.class);
      @SuppressWarnings("unchecked")
      Function<String, String> driver =
          (Function<String, String>)
              loader
                  .loadClass(NoMicrometerDriver.class.getName())
                  .getDeclaredConstructor()
                  .newInstance();
      assertThat(driver.getClass().getClassLoader()).isSameAs(loader);
      assertThat(driver.apply(farm.endpointSpecs())).isEqualTo("i1");
    }
  }
}
