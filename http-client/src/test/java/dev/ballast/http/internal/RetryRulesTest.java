package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class RetryRulesTest {
  @Test
  void onlyGatewayStatusesAreRetryable() {
    assertThat(RetryRules.isRetryableStatus(502)).isTrue();
    assertThat(RetryRules.isRetryableStatus(503)).isTrue();
    assertThat(RetryRules.isRetryableStatus(504)).isTrue();
    for (int status : new int[] {200, 404, 429, 500, 501, 505}) {
      assertThat(RetryRules.isRetryableStatus(status)).as("status %d", status).isFalse();
    }
  }

  @Test
  void anyMethodIsRetriedWhenTheRequestNeverLeft() {
    for (FailureKind k : FailureKind.values()) {
      if (k.neverSent) {
        assertThat(RetryRules.mayRetry(k, false)).as(k.name()).isTrue();
      }
    }
  }

  @Test
  void aNonIdempotentRequestThatMayHaveBeenSentIsNotRetried() {
    for (FailureKind k : FailureKind.values()) {
      if (!k.neverSent) {
        assertThat(RetryRules.mayRetry(k, false)).as(k.name()).isFalse();
      }
    }
  }

  @Test
  void anIdempotentRequestIsRetriedAfterResetsAndTimeoutsButNotAfterACancel() {
    assertThat(RetryRules.mayRetry(FailureKind.RESET, true)).isTrue();
    assertThat(RetryRules.mayRetry(FailureKind.TIMEOUT, true)).isTrue();
    assertThat(RetryRules.mayRetry(FailureKind.STALE_CONNECTION, true)).isTrue();
    assertThat(RetryRules.mayRetry(FailureKind.CANCELLED, true)).isFalse();
  }

  @Test
  void theStopReasonNamesTheFailureOrTheMethod() {
    assertThat(RetryRules.notRetryableReason(FailureKind.RESPONSE_TOO_LARGE, "GET"))
        .isEqualTo("not retried: response too large");
    assertThat(RetryRules.notRetryableReason(FailureKind.RESET, "POST"))
        .isEqualTo("not retried: a POST may have been received by the endpoint");
  }

  @Test
  void aTriedEndpointIsTriedAgainOnlyAfterFailuresThatSayNothingOfTheRequest() {
    EnumSet<FailureKind> again =
        EnumSet.of(FailureKind.CONNECT_REFUSED, FailureKind.STALE_CONNECTION);
    for (FailureKind k : FailureKind.values()) {
      assertThat(RetryRules.mayRetryTriedEndpoint(false, k))
          .as(k.name())
          .isEqualTo(again.contains(k));
      assertThat(RetryRules.mayRetryTriedEndpoint(true, k)).as("after a 503, " + k).isFalse();
    }
    assertThat(RetryRules.mayRetryTriedEndpoint(false, null)).isFalse();
  }
}
