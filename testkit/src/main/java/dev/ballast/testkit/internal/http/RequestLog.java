package dev.ballast.testkit.internal.http;

import dev.ballast.testkit.HttpInstanceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * A bounded ring of the latest requests, written by event loop threads without a lock (benchmarks
 * drive instances hard) and read as a snapshot by tests.
 */
final class RequestLog {

  private final int capacity;
  private final AtomicLong nextSequence = new AtomicLong();
  private final AtomicReferenceArray<@Nullable HttpInstanceRequest> slots;

  RequestLog(int capacity) {
    this.capacity = capacity;
    this.slots = new AtomicReferenceArray<>(capacity);
  }

  void add(
      long timestampNanos,
      String method,
      String path,
      int status,
      long connectionId,
      boolean healthCheck) {
    long sequence = nextSequence.getAndIncrement();
    slots.set(
        (int) (sequence % capacity),
        new HttpInstanceRequest(
            sequence, timestampNanos, method, path, status, connectionId, healthCheck));
  }

  /**
   * Oldest first. A writer racing the snapshot may leave its slot empty or already overwritten;
   * such entries are skipped rather than reported out of order.
   */
  List<HttpInstanceRequest> snapshot() {
    long end = nextSequence.get();
    long start = Math.max(0, end - capacity);
    List<HttpInstanceRequest> entries = new ArrayList<>((int) (end - start));
    for (long sequence = start; sequence < end; sequence++) {
      HttpInstanceRequest entry = slots.get((int) (sequence % capacity));
      if (entry != null && entry.sequence() == sequence) {
        entries.add(entry);
      }
    }
    return List.copyOf(entries);
  }

  void clear() {
    nextSequence.set(0);
    for (int i = 0; i < capacity; i++) {
      slots.set(i, null);
    }
  }
}
