package dev.ballast.examples.internal.view;

import dev.ballast.examples.internal.View;
import java.io.PrintStream;
import java.nio.charset.Charset;

/** Picks the view for an output stream. */
public final class Views {

  private Views() {}

  /**
   * The live view when {@code out} is the process's standard output, a terminal is attached ({@link
   * System#console()} is not null), {@code TERM} is not {@code dumb} and {@code plain} is false;
   * otherwise the plain view.
   */
  public static View create(PrintStream out, boolean plain) {
    boolean terminal =
        !plain
            && out == System.out
            && System.console() != null
            && !"dumb".equals(System.getenv("TERM"));
    return terminal ? new LiveView(out, unicode()) : new PlainView(out, unicode());
  }

  /** Whether the output charset can show block characters. */
  public static boolean unicode() {
    Charset cs = System.console() != null ? System.console().charset() : Charset.defaultCharset();
    return cs.newEncoder().canEncode("\u2588\u2591\u25b6\u25cf\u2714");
  }
}
