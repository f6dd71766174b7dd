package dev.ballast.examples.internal.view;

/**
 * ANSI styles for the live view, or nothing when colour is off. Immutable.
 *
 * @param on whether escapes are emitted
 * @param unicode whether block characters and symbols can be printed
 */
record Style(boolean on, boolean unicode) {

  String bold(String s) {
    return wrap("1", s);
  }

  String dim(String s) {
    return wrap("2", s);
  }

  String red(String s) {
    return wrap("31", s);
  }

  String green(String s) {
    return wrap("32", s);
  }

  String yellow(String s) {
    return wrap("33", s);
  }

  String cyan(String s) {
    return wrap("36", s);
  }

  /** A colour per zone, so that bars show at a glance where traffic goes. */
  String zone(String zone, String s) {
    switch (zone) {
      case "a":
        return wrap("36", s);
      case "b":
        return wrap("35", s);
      case "c":
        return wrap("34", s);
      default:
        return s;
    }
  }

  /** Colours a state word: good green, bad red, in between yellow. */
  String state(String state) {
    if (state.equals("healthy") || state.equals("primary") || state.equals("replica")) {
      return green(state);
    }
    if (state.startsWith("ramp")) {
      return yellow(state);
    }
    return red(state);
  }

  String check() {
    return unicode ? "\u2714" : "*";
  }

  String step() {
    return unicode ? "\u25b6" : ">";
  }

  String reaction() {
    return unicode ? "\u25cf" : "-";
  }

  private String wrap(String code, String s) {
    return on ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }
}
