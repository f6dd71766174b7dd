package dev.ballast.jdbc.internal;

import dev.ballast.lb.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process's physical database servers, keyed by {@code host:port}, each a {@link SharedHost}
 * shared by every router whose hosts are on it, reference-counted and closed with the last router
 * that uses it. Also where the per-server connection budget ({@code
 * ballast.jdbc.max-connections-per-host}) is enforced: the pools of every router on one server may
 * not add up to more than the smallest cap any of them declared. Thread-safe (one lock).
 */
public final class SharedHosts {
  /** The key of the connection budget. */
  public static final String BUDGET_KEY = "ballast.jdbc.max-connections-per-host";

  private static final SharedHosts PROCESS = new SharedHosts();

  private final Map<String, Entry> byKey = new HashMap<>();
  private final AtomicLong leases = new AtomicLong();

  /** The process-wide registry. */
  public static SharedHosts process() {
    return PROCESS;
  }

  /**
   * One host of a router: its name, server key ({@code host:port}), pool size (0: unknown, not
   * budgeted) and the probe connector it would use alone (closed at once when the server already
   * has one).
   */
  public record Member(String hostName, String key, int poolSize, ProbeConnector connector) {}

  /** A router's hold on its servers; {@link #close()} gives it back. Idempotent. */
  public final class Lease implements AutoCloseable {
    private final String id;
    private final Map<String, SharedHost> byHostName;
    private boolean closed;

    private Lease(String id, Map<String, SharedHost> byHostName) {
      this.id = id;
      this.byHostName = byHostName;
    }

    /** The shared server of each of the router's hosts, by host name. */
    public Map<String, SharedHost> hosts() {
      return byHostName;
    }

    @Override
    public void close() {
      release(this);
    }
  }

  private static final class Entry {
    final SharedHost host;
    final Map<String, Integer> pools = new LinkedHashMap<>(); // "lease router/host" -> size
    final Map<String, Integer> caps = new HashMap<>(); // lease id -> cap
    int refs;

    Entry(SharedHost host) {
      this.host = host;
    }

    int cap() {
      int cap = 0;
      for (int c : caps.values()) {
        cap = cap == 0 ? c : Math.min(cap, c);
      }
      return cap;
    }
  }

  /**
   * Registers router {@code routerName}'s hosts, checking the budget first: nothing is registered
   * when it fails.
   *
   * @param cap the router's {@code max-connections-per-host}, 0 when it sets none
   * @throws ConfigException {@code ballast.jdbc.max-connections-per-host: <cap> (expected: …)}
   *     naming the server, the pools on it and their sum, when a server's pools would exceed the
   *     smallest cap declared for it
   */
  public synchronized Lease register(String routerName, List<Member> members, int cap) {
    String id = leases.incrementAndGet() + " " + routerName;
    List<String> problems = new ArrayList<>();
    Map<String, List<Member>> byServer = new LinkedHashMap<>();
    for (Member m : members) {
      byServer.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
    }
    byServer.forEach(
        (key, own) -> {
          Entry existing = byKey.get(key);
          int limit = existing == null ? 0 : existing.cap();
          if (cap > 0) {
            limit = limit == 0 ? cap : Math.min(limit, cap);
          }
          if (limit == 0) {
            return;
          }
          StringBuilder detail = new StringBuilder();
          int sum = 0;
          if (existing != null) {
            for (Map.Entry<String, Integer> p : existing.pools.entrySet()) {
              sum += p.getValue();
              append(detail, p.getKey().substring(p.getKey().indexOf(' ') + 1), p.getValue());
            }
          }
          for (Member m : own) {
            sum += m.poolSize();
            append(detail, routerName + "/" + m.hostName(), m.poolSize());
          }
          if (sum > limit) {
            problems.add(
                BUDGET_KEY
                    + ": "
                    + limit
                    + " (expected: at least "
                    + sum
                    + ", the pools of every router in this process on "
                    + key
                    + ": "
                    + detail
                    + ")");
          }
        });
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    Map<String, SharedHost> hosts = new LinkedHashMap<>();
    for (Member m : members) {
      Entry e = byKey.computeIfAbsent(m.key(), k -> new Entry(new SharedHost(k, m.connector())));
      if (e.host.connector() != m.connector()) {
        m.connector().close(); // never opened: the server has its probe connection already
      }
      e.refs++;
      e.pools.put(id + "/" + m.hostName(), m.poolSize());
      if (cap > 0) {
        e.caps.put(id, cap);
      }
      hosts.put(m.hostName(), e.host);
    }
    return new Lease(id, hosts);
  }

  private static void append(StringBuilder detail, String name, int size) {
    if (detail.length() > 0) {
      detail.append(" + ");
    }
    detail.append(name).append(' ').append(size);
  }

  private synchronized void release(Lease lease) {
    if (lease.closed) {
      return;
    }
    lease.closed = true;
    for (Map.Entry<String, SharedHost> h : lease.byHostName.entrySet()) {
      Entry e = byKey.get(h.getValue().key());
      if (e == null) {
        continue;
      }
      e.pools.remove(lease.id + "/" + h.getKey());
      e.caps.remove(lease.id);
      if (--e.refs == 0) {
        byKey.remove(e.host.key());
        e.host.connector().close();
      }
    }
  }

  /** How many servers are registered (for tests). */
  synchronized int size() {
    return byKey.size();
  }
}
