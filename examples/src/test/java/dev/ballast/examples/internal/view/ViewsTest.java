package dev.ballast.examples.internal.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.examples.ActResult;
import dev.ballast.examples.internal.Event;
import dev.ballast.examples.internal.Frame;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ViewsTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private static Frame frame(double elapsed, List<Event> events) {
    List<Frame.InstanceRow> rows =
        List.of(
            new Frame.InstanceRow("a1", "a", true, "healthy", "", 0.75, 150, 0, 1.5),
            new Frame.InstanceRow("b1", "b", false, "unhealthy", "killed", 0.25, 50, 2, 9.0));
    return new Frame(
        2,
        "a local instance is killed",
        elapsed,
        4,
        "a",
        rows,
        Map.of("a", 0.75, "b", 0.25),
        200,
        800,
        0,
        3,
        2.5,
        List.of(),
        null,
        events);
  }

  private static ActResult result() {
    return new ActResult(
        2,
        "a local instance is killed",
        Duration.ofSeconds(4),
        800,
        0,
        3,
        2.5,
        0.75,
        0.7,
        Map.of("a", 0.75, "b", 0.25),
        Map.of("a1", 0.75, "b1", 0.25),
        Optional.empty());
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainViewPrintsEachEventOnceAndAStatusEveryTwoSeconds() {
    PlainView view = new PlainView(out, false);
    Event killed = new Event(1.2, Event.Kind.STEP, "a1 killed");
    Event unhealthy = new Event(1.5, Event.Kind.BALLAST, "a1 unhealthy");

    view.actStarted(2, "a local instance is killed", List.of("the story"));
    view.frame(frame(1.25, List.of(killed)));
    view.frame(frame(1.5, List.of(killed, unhealthy)));
    view.frame(frame(2.0, List.of(killed, unhealthy)));
    view.frame(frame(2.25, List.of(killed, unhealthy)));
    view.actEnded(result(), List.of(killed, unhealthy));

    String text = printed();
    assertThat(text).doesNotContain("\u001b[");
    assertThat(text).contains("== Act 2/5: a local instance is killed ==\n  the story\n");
    assertThat(text.split("a1 killed", -1)).hasSize(2);
    assertThat(text.split("a1 unhealthy", -1)).hasSize(2);
    assertThat(text.split("\\[  2\\.", -1)).hasSize(2);
    assertThat(text).contains("a1 75%", "b1 25% (unhealthy)", "failed 0, retried 3");
    assertThat(text)
        .contains(
            "* act 2 done: 800 calls, 0 failed, 3 retried attempts, p99 2.5 ms, local zone"
                + " 75.0%");
  }

  @Test
  void liveViewRedrawsInPlaceAndGivesTheCursorBack() {
    LiveView view = new LiveView(out, true);

    view.actStarted(2, "a local instance is killed", List.of("the story"));
    view.frame(frame(1.0, List.of()));
    int firstFrameLines = printed().split("\n", -1).length;
    view.frame(frame(1.25, List.of()));
    view.actEnded(result(), List.of(new Event(1.2, Event.Kind.STEP, "a1 killed")));
    view.close();

    String text = printed();
    assertThat(text).contains("\u001b[?25l"); // cursor hidden while drawing
    assertThat(text).endsWith("\u001b[0m\u001b[?25h"); // and shown again
    // the second frame moves up over the first one's lines: all printed so far but the blank
    // line, title and story that came before it, and the empty string after the last newline
    int frameLines = firstFrameLines - 4;
    assertThat(text).contains("\r\u001b[" + frameLines + "A");
    assertThat(text).contains("\u2588", "a1 killed", "act 2 done");
  }

  @Test
  void aClosedLiveViewPrintsNothingMore() {
    LiveView view = new LiveView(out, true);
    view.close();

    view.line("after close");
    view.frame(frame(1.0, List.of()));

    assertThat(printed()).isEmpty();
  }
}
