package dev.ballast.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.examples.orders.dev.DevLauncher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The example's one command, run in process: it starts its local databases and upstream, the Orders
 * service from application.yml, plays its tour and returns 0 with every step showing where Ballast
 * sent the request.
 */
class DevLauncherTest {
  @Test
  void theTourShowsWritesOnThePrimaryReadsOnReplicasUpstreamCallsAndReadYourWrites() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      status = DevLauncher.run(new String[0], out);
    }
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(output).doesNotContain("expected:").doesNotContain("FAILED");
    assertThat(status).as(output).isZero();
    assertThat(output)
        .containsPattern(
            "POST /orders \"book\" +-> order \\d+ stored on the primary, item reserved"
                + " by inventory instance \\S+")
        .containsPattern("GET /orders/count -> orders: \\d+, from replica r[12]")
        .containsPattern("Ballast-Consistency: orders-db=lsn:[0-9A-F]+/[0-9A-F]+")
        .containsPattern("GET /orders/\\d+ with the header +-> 200 from ")
        .contains("OK: writes on the primary, reads on the replicas");
  }
}
