package dev.ballast.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class PoolFailuresTest {
  @Test
  void aRefusedConnectSaysSoAndMayBeRetriedOnTheSameEndpoint() {
    ConnectException refused = new ConnectException("Connection refused: /127.0.0.1:1");
    AttemptFailure f = PoolFailures.connect(refused);
    assertThat(f.kind()).isEqualTo(FailureKind.CONNECT_REFUSED);
    assertThat(f.detail()).isEqualTo("connection refused");
    assertThat(f.cause()).isSameAs(refused);
  }

  @Test
  void aConnectTimeoutIsAFailedConnectWhateverItsMessage() {
    AttemptFailure f =
        PoolFailures.connect(new ConnectTimeoutException("connection refused or timed out"));
    assertThat(f.kind()).isEqualTo(FailureKind.CONNECT_FAILED);
    assertThat(f.detail()).isEqualTo("connect timed out");
  }

  @Test
  void anyOtherConnectFailureKeepsItsMessage() {
    AttemptFailure f = PoolFailures.connect(new IOException("No route to host"));
    assertThat(f.kind()).isEqualTo(FailureKind.CONNECT_FAILED);
    assertThat(f.detail()).isEqualTo("connect failed: No route to host");
    assertThat(PoolFailures.connect(new ConnectException("Network is unreachable")).kind())
        .isEqualTo(FailureKind.CONNECT_FAILED);
  }

  @Test
  void aFullPoolNamesItsLimits() {
    AttemptFailure f = PoolFailures.exhausted(4, 2);
    assertThat(f.kind()).isEqualTo(FailureKind.POOL_EXHAUSTED);
    assertThat(f.detail())
        .isEqualTo("all 4 connections busy and 2 attempts already waiting (max-pending-acquires)");
    assertThat(f.cause()).isNull();
  }

  @Test
  void aClosedPoolSaysTheEndpointLeft() {
    AttemptFailure f = PoolFailures.endpointRemoved();
    assertThat(f.kind()).isEqualTo(FailureKind.ENDPOINT_REMOVED);
    assertThat(f.detail()).isEqualTo("endpoint left the service");
  }
}
