package dev.ballast.examples.internal.view;

import dev.ballast.examples.ActResult;
import dev.ballast.examples.DemoOptions;
import dev.ballast.examples.internal.Event;
import dev.ballast.examples.internal.Frame;
import dev.ballast.examples.internal.View;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terminal view: each act gets a header, then a block that is redrawn in place at every tick
 * (progress bar, per-instance or per-node table, recent events), and when the act ends the block
 * gives way to the act's full event list and result, so the scrollback reads as a log. Methods are
 * synchronized: the shutdown hook may {@link #close()} it while a frame is drawn.
 */
final class LiveView implements View {

  private static final String ESC = "\u001b[";
  private static final int PROGRESS_BAR = 40;
  private static final int RECENT_EVENTS = 5;

  private final PrintStream out;
  private final Style style;
  private int drawn;
  private boolean cursorHidden;
  private boolean closed;

  LiveView(PrintStream out, boolean unicode) {
    this.out = out;
    this.style = new Style(true, unicode);
  }

  @Override
  public synchronized void line(String text) {
    if (closed) {
      return;
    }
    erase();
    out.println(text);
    out.flush();
  }

  @Override
  public synchronized void actStarted(int act, String title, List<String> story) {
    if (closed) {
      return;
    }
    erase();
    out.println();
    out.println(
        style.bold(String.format(Locale.ROOT, "Act %d/%d  %s", act, DemoOptions.ACT_COUNT, title)));
    for (String line : story) {
      out.println(style.dim("  " + line));
    }
    out.flush();
  }

  @Override
  public synchronized void frame(Frame f) {
    if (closed) {
      return;
    }
    if (!cursorHidden) {
      out.print(ESC + "?25l");
      cursorHidden = true;
    }
    List<String> lines = new ArrayList<>();
    double fraction = f.durationSeconds() == 0 ? 1 : f.elapsedSeconds() / f.durationSeconds();
    lines.add(
        "  "
            + style.cyan(Text.bar(fraction, PROGRESS_BAR, style.unicode()))
            + String.format(
                Locale.ROOT,
                "  %5.1f s / %.1f s",
                Math.min(f.elapsedSeconds(), f.durationSeconds()),
                f.durationSeconds()));
    lines.addAll(f.db() == null ? Lines.instances(f, style) : Lines.nodes(f, style));
    List<Event> events = f.events();
    lines.add(style.dim("  events"));
    for (int i = Math.max(0, events.size() - RECENT_EVENTS); i < events.size(); i++) {
      lines.add(Lines.event(events.get(i), style));
    }
    for (int i = events.size(); i < RECENT_EVENTS; i++) {
      lines.add("");
    }
    StringBuilder sb = new StringBuilder();
    if (drawn > 0) {
      sb.append('\r').append(ESC).append(drawn).append('A');
    }
    for (String line : lines) {
      sb.append(ESC).append("2K").append(line).append('\n');
    }
    sb.append(ESC).append('J');
    out.print(sb);
    out.flush();
    drawn = lines.size();
  }

  @Override
  public synchronized void actEnded(ActResult result, List<Event> events) {
    if (closed) {
      return;
    }
    erase();
    for (Event e : events) {
      out.println(Lines.event(e, style));
    }
    out.println(Lines.result(result, style));
    out.flush();
  }

  private void erase() {
    if (drawn > 0) {
      out.print("\r" + ESC + drawn + "A" + ESC + "J");
      drawn = 0;
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (cursorHidden) {
      out.print(ESC + "0m" + ESC + "?25h");
      out.flush();
    }
  }
}
