package dev.ballast.examples.internal;

import java.util.List;

/**
 * One act of the demo's story: a title, a few lines that say what to watch, and a script of timed
 * steps (faults injected into the local instances or databases). Implementations are stateless; a
 * step's state lives in the {@link ActScene} it is given.
 */
public interface Act {

  /** The act number, 1 to 5. */
  int number();

  /** A one-line title. */
  String title();

  /** What happens and what to watch, a few short lines. */
  List<String> story(ActScene scene);

  /** Whether the act drives database traffic instead of HTTP traffic. */
  default boolean database() {
    return false;
  }

  /** The timed steps, in order of time. */
  List<Step> script(ActScene scene);

  /** A thing that happens at a fraction of the act's duration. */
  interface Step {

    /** When, as a fraction of the act's duration (0 = at once). */
    double at();

    /** Runs the step on the script thread; may block (stopping a server takes a moment). */
    void run(ActScene scene) throws Exception;

    /** A step that notes {@code caption} and then runs {@code action}. */
    static Step of(double at, String caption, Action action) {
      return new Step() {
        @Override
        public double at() {
          return at;
        }

        @Override
        public void run(ActScene scene) throws Exception {
          scene.note(caption);
          action.run();
        }
      };
    }

    /** A step that only notes {@code caption}. */
    static Step say(double at, String caption) {
      return of(at, caption, () -> {});
    }
  }

  /** A step's action. */
  @FunctionalInterface
  interface Action {
    /** Does it. */
    void run() throws Exception;
  }
}
