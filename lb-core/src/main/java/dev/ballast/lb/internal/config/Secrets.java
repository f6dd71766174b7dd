package dev.ballast.lb.internal.config;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Decides which keys hold secrets and renders values for messages. Stateless. */
public final class Secrets {
  /** What a secret value is shown as. */
  public static final String MASK = "****";

  private static final String[] SECRET_WORDS = {"password", "secret", "token", "credentials"};

  private Secrets() {}

  /**
   * Whether the last dotted segment of {@code key} names a secret (contains {@code password},
   * {@code secret}, {@code token} or {@code credentials}, in any letter case).
   */
  public static boolean isSecret(String key) {
    String last = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    for (String word : SECRET_WORDS) {
      if (last.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * How {@code value} of {@code key} appears in a message: {@code (missing)} for null, {@code
   * (empty)} for an empty value, {@link #MASK} for any other secret value, else the value itself.
   */
  public static String render(String key, @Nullable String value) {
    if (value == null) {
      return "(missing)";
    }
    if (value.isEmpty()) {
      return "(empty)";
    }
    return isSecret(key) ? MASK : value;
  }
}
