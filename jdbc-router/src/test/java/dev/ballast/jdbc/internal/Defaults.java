package dev.ballast.jdbc.internal;

/** Default values of Java types, for stand-ins and reflective calls in tests. */
final class Defaults {
  private Defaults() {}

  /** {@code false}, a zero of the right primitive type, or null. */
  static Object of(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == short.class) {
      return (short) 0;
    }
    if (type == byte.class) {
      return (byte) 0;
    }
    if (type == double.class) {
      return 0.0;
    }
    if (type == float.class) {
      return 0.0f;
    }
    if (type == char.class) {
      return '\0';
    }
    return null;
  }
}
