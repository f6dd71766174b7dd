package dev.ballast.lb.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.lb.DiscoveredEndpoint;
import dev.ballast.lb.Endpoint;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ReportedEndpointsTest {
  private static final Endpoint A =
      Endpoint.builder("127.0.0.1", 9001).id("a").zone("z1").metadata("v", "1").build();
  private static final Endpoint B = Endpoint.builder("127.0.0.1", 9002).id("b").zone("z2").build();
  private static final Endpoint C = Endpoint.builder("127.0.0.1", 9003).id("c").zone("z1").build();

  @Test
  void servesTheNonDrainingEndpointsSortedByIdAndKeepsTheReportAsWritten() {
    ReportedEndpoints report =
        ReportedEndpoints.of(
            List.of(
                DiscoveredEndpoint.serving(C),
                DiscoveredEndpoint.draining(B),
                DiscoveredEndpoint.serving(A)));

    assertThat(report.serving()).extracting(Endpoint::id).containsExactly("a", "c");
    assertThat(report.draining()).isEqualTo(1);
    assertThat(report.all())
        .extracting(d -> d.endpoint().id())
        .as("the report as the engine listed it")
        .containsExactly("c", "b", "a");
  }

  @Test
  void aReorderedReportServesTheSameEndpoints() {
    ReportedEndpoints first =
        ReportedEndpoints.of(List.of(DiscoveredEndpoint.serving(A), DiscoveredEndpoint.serving(C)));
    ReportedEndpoints reordered =
        ReportedEndpoints.of(List.of(DiscoveredEndpoint.serving(C), DiscoveredEndpoint.serving(A)));

    assertThat(reordered.servesSameAs(first.serving())).isTrue();
  }

  @Test
  void anyFieldThatRoutingReadsMakesItAChange() {
    List<UnaryOperator<Endpoint.Builder>> changes =
        List.of(
            b -> b.id("a2"),
            b -> b.zone("z9"),
            b -> b.weight(3),
            b -> b.metadata("v", "2"),
            b -> Endpoint.builder("127.0.0.2", 9001).id("a").zone("z1").metadata("v", "1"),
            b -> Endpoint.builder("127.0.0.1", 9009).id("a").zone("z1").metadata("v", "1"));
    ReportedEndpoints before = ReportedEndpoints.of(List.of(DiscoveredEndpoint.serving(A)));
    assertThat(before.servesSameAs(List.of(A.toBuilder().build()))).isTrue();
    for (UnaryOperator<Endpoint.Builder> change : changes) {
      Endpoint changed = change.apply(A.toBuilder()).build();
      assertThat(before.servesSameAs(List.of(changed))).as(changed.toString()).isFalse();
    }
    assertThat(before.servesSameAs(List.of(A, C))).as("an added endpoint").isFalse();
    assertThat(before.servesSameAs(List.of())).as("a removed endpoint").isFalse();
  }

  @Test
  void aDuplicateIdIsRejectedWithTheStandardProblemLine() {
    Endpoint otherA = Endpoint.builder("127.0.0.9", 9009).id("a").build();

    assertThatThrownBy(
            () ->
                ReportedEndpoints.of(
                    List.of(DiscoveredEndpoint.serving(A), DiscoveredEndpoint.draining(otherA))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("endpoints: duplicate id 'a' (expected: unique endpoint ids)");
  }

  @Test
  void nothingReportedServesNothing() {
    assertThat(ReportedEndpoints.NONE.all()).isEmpty();
    assertThat(ReportedEndpoints.NONE.serving()).isEmpty();
    assertThat(ReportedEndpoints.NONE.draining()).isZero();
  }
}
