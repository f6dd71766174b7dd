package dev.ballast.spring.boot;

import dev.ballast.spring.boot.internal.EnvironmentKeys;
import dev.ballast.spring.boot.internal.KeyCatalog;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when some {@code ballast.http.services.<name>.…} key is set (any relaxed spelling). */
final class OnHttpServicesCondition extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    if (context.getEnvironment() instanceof ConfigurableEnvironment env
        && EnvironmentKeys.collect(env, KeyCatalog.load()).stringPropertyNames().stream()
            .anyMatch(k -> k.startsWith("ballast.http.services."))) {
      return ConditionOutcome.match("ballast.http.services.* is set");
    }
    return ConditionOutcome.noMatch("no ballast.http.services.* key");
  }
}
