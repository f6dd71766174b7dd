package dev.ballast.examples.internal.view;

import dev.ballast.examples.ActResult;
import dev.ballast.examples.DemoOptions;
import dev.ballast.examples.internal.Event;
import dev.ballast.examples.internal.Frame;
import dev.ballast.examples.internal.View;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The view for output that is not a terminal (a pipe, a file, a test): no escapes, events printed
 * as they happen and a status line every two seconds. Methods are synchronized.
 */
final class PlainView implements View {

  private static final double STATUS_EVERY_SECONDS = 2.0;

  private final PrintStream out;
  private final Style style;
  private int printedEvents;
  private double nextStatus;

  PlainView(PrintStream out, boolean unicode) {
    this.out = out;
    this.style = new Style(false, unicode);
  }

  @Override
  public synchronized void line(String text) {
    out.println(text);
    out.flush();
  }

  @Override
  public synchronized void actStarted(int act, String title, List<String> story) {
    out.println();
    out.println(
        String.format(Locale.ROOT, "== Act %d/%d: %s ==", act, DemoOptions.ACT_COUNT, title));
    for (String line : story) {
      out.println("  " + line);
    }
    printedEvents = 0;
    nextStatus = STATUS_EVERY_SECONDS;
    out.flush();
  }

  @Override
  public synchronized void frame(Frame f) {
    printEvents(f.events());
    if (f.elapsedSeconds() >= nextStatus) {
      out.println(Lines.status(f));
      nextStatus += STATUS_EVERY_SECONDS;
    }
    out.flush();
  }

  private void printEvents(List<Event> events) {
    for (int i = printedEvents; i < events.size(); i++) {
      out.println(Lines.event(events.get(i), style));
    }
    printedEvents = Math.max(printedEvents, events.size());
  }

  @Override
  public synchronized void actEnded(ActResult result, List<Event> events) {
    printEvents(events);
    out.println(Lines.result(result, style));
    out.flush();
  }

  @Override
  public synchronized void close() {
    out.flush();
  }
}
