package dev.ballast.lb.internal;

/** The one string hash of affinity keys and ring positions, so both sides always agree. */
public final class Hashing {
  private Hashing() {}

  /** A stable, well-mixed 64-bit hash of {@code s}: FNV-1a, then {@link #mix}. */
  public static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  /** MurmurHash3's 64-bit finalizer: every input bit affects every output bit. */
  public static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
