package dev.ballast.lb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The padding of {@link EndpointState}'s hot fields, checked on the running JVM's field layout:
 * every pick and completion writes them, so a read-mostly field (or the object header, or a
 * neighbouring object) on their cache line would miss on another core after each write.
 */
class EndpointStateLayoutTest {
  private static final Set<String> HOT =
      Set.of("inFlight", "consecutiveFailures", "ewmaNanos", "lastSampleNanos", "idleBackoff");

  /** Bytes that must separate the hot fields from anything else: a cache line less one long. */
  private static final long GAP = 56;

  @Test
  void hotFieldsShareNoCacheLineWithTheHeaderOrOtherFields() throws Exception {
    Map<String, Long> offsets = offsets();
    long hotStart = Long.MAX_VALUE;
    long hotEnd = 0;
    for (String f : HOT) {
      hotStart = Math.min(hotStart, offsets.get(f));
      hotEnd = Math.max(hotEnd, offsets.get(f) + 8);
    }
    // The header (and the end of whatever object lies before this one) is below offset 16.
    assertThat(hotStart)
        .as("first hot field offset, layout %s (expected ≥ 16 + %d)", offsets, GAP)
        .isGreaterThanOrEqualTo(16 + GAP);
    for (Map.Entry<String, Long> e : offsets.entrySet()) {
      String name = e.getKey();
      long offset = e.getValue();
      if (HOT.contains(name) || name.matches("p\\d\\d")) {
        continue;
      }
      assertThat(offset < hotStart ? hotStart - offset - 8 : offset - hotEnd)
          .as("bytes between field %s and the hot fields, layout %s", name, offsets)
          .isGreaterThanOrEqualTo(GAP);
    }
  }

  private static Map<String, Long> offsets() throws Exception {
    Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
    Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
    theUnsafe.setAccessible(true);
    Object unsafe = theUnsafe.get(null);
    Method objectFieldOffset = unsafeClass.getMethod("objectFieldOffset", Field.class);
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (Class<?> c = EndpointState.class; c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          offsets.put(f.getName(), (Long) objectFieldOffset.invoke(unsafe, f));
        }
      }
    }
    return offsets;
  }
}
