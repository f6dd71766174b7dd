package dev.ballast.examples.internal;

import dev.ballast.examples.ActResult;
import java.util.List;

/**
 * Where the demo tells its story: a live terminal view that redraws in place, or plain lines when
 * the output is not a terminal. Called from the thread that plays the acts, except {@link
 * #close()}, which the shutdown hook may call too.
 */
public interface View extends AutoCloseable {

  /** A line of narration outside the acts. */
  void line(String text);

  /** An act begins. */
  void actStarted(int act, String title, List<String> story);

  /** A tick of the act playing. */
  void frame(Frame frame);

  /** The act ended; {@code events} is everything that happened in it. */
  void actEnded(ActResult result, List<Event> events);

  /** Leaves the terminal as it was found (cursor shown); idempotent. */
  @Override
  void close();
}
