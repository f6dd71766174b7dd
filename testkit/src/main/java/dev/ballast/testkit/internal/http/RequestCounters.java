package dev.ballast.testkit.internal.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Request counts of one instance: total and per method (health checks apart), and a mark. */
final class RequestCounters {

  private final AtomicLong total = new AtomicLong();
  private final AtomicLong healthChecks = new AtomicLong();
  private final AtomicLong mark = new AtomicLong();
  private final ConcurrentMap<String, LongAdder> byMethod = new ConcurrentHashMap<>();

  void countRequest(String method) {
    byMethod.computeIfAbsent(method, m -> new LongAdder()).increment();
    // Last, so a reader that sees the total also sees the per-method count.
    total.incrementAndGet();
  }

  void countHealthCheck() {
    healthChecks.incrementAndGet();
  }

  long total() {
    return total.get();
  }

  long byMethod(String method) {
    LongAdder count = byMethod.get(method);
    return count == null ? 0 : count.sum();
  }

  long healthChecks() {
    return healthChecks.get();
  }

  void mark() {
    mark.set(total.get());
  }

  long sinceMark() {
    return total.get() - mark.get();
  }

  void reset() {
    total.set(0);
    mark.set(0);
    healthChecks.set(0);
    byMethod.clear();
  }
}
