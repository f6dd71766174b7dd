package dev.ballast.spring.boot;

import dev.ballast.lb.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up that failed on invalid {@code ballast.*} configuration: one problem per line
 * ({@code <key>: <value> (expected: …)}, a "did you mean" for unknown keys, secrets masked), as
 * Ballast's binders report them, instead of a stack trace. Registered in {@code
 * META-INF/spring.factories}.
 */
public final class BallastFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
    StringBuilder description = new StringBuilder("Invalid Ballast configuration:\n");
    for (String problem : cause.problems()) {
      description.append("\n    ").append(problem);
    }
    String action =
        "Correct the ballast.* keys listed above in application.yml / application.properties,"
            + " the environment (BALLAST_...) or the command line. Every key, its type and default"
            + " are in the README's configuration reference.";
    return new FailureAnalysis(description.toString(), action, cause);
  }
}
