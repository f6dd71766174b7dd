package dev.ballast.lb.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownKeysTest {
  @Test
  void eachUnreadKeyIsAProblemWithTheClosestKnownKeyWhenOneIsClose() {
    Map<String, String> unread = new LinkedHashMap<>();
    unread.put("ballast.jdbc.max-replica-lagg", "5s");
    unread.put("ballast.nothing.like.it", "1");
    ProblemLog log = new ProblemLog();

    UnknownKeys.report(unread, List.of("ballast.jdbc.max-replica-lag", "ballast.zone"), log);

    assertThat(log.lines())
        .containsExactly(
            "ballast.jdbc.max-replica-lagg: 5s (expected: a known key; did you mean"
                + " 'ballast.jdbc.max-replica-lag'?)",
            "ballast.nothing.like.it: 1 (expected: a known key)");
  }

  @Test
  void aMisspeltSecretKeysValueIsMaskedThoughItsOwnNameIsNotSecret() {
    Map<String, String> unread = new LinkedHashMap<>();
    unread.put("ballast.jdbc.pasword", "hunter2");
    unread.put("ballast.jdbc.passwrd", "");
    ProblemLog log = new ProblemLog();

    UnknownKeys.report(unread, List.of("ballast.jdbc.password"), log);

    assertThat(log.lines())
        .containsExactly(
            "ballast.jdbc.pasword: **** (expected: a known key; did you mean"
                + " 'ballast.jdbc.password'?)",
            "ballast.jdbc.passwrd: (empty) (expected: a known key; did you mean"
                + " 'ballast.jdbc.password'?)");
  }
}
