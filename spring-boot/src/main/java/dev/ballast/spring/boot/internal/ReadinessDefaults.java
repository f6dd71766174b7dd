package dev.ballast.spring.boot.internal;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the {@code ballast} health contributor in the readiness group (with Boot's {@code
 * readinessState}) unless the application configures that group itself; never in liveness (see
 * {@code BallastHealthIndicator}). Applies where Boot defines the probe groups (probes enabled, or
 * running on Kubernetes); added as the lowest-precedence property source.
 */
public final class ReadinessDefaults implements EnvironmentPostProcessor {
  static final String INCLUDE = "management.endpoint.health.group.readiness.include";
  static final String PROBES = "management.endpoint.health.probes.enabled";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    boolean probes =
        environment.getProperty(PROBES, Boolean.class, false)
            || CloudPlatform.getActive(environment) == CloudPlatform.KUBERNETES;
    // Only where Boot itself defines the probe groups: elsewhere readinessState does not exist,
    // and naming it in a group would fail Boot's group validation.
    if (probes && !environment.containsProperty(INCLUDE)) {
      environment
          .getPropertySources()
          .addLast(
              new MapPropertySource(
                  "ballastReadinessDefaults", Map.of(INCLUDE, "readinessState,ballast")));
    }
  }
}
