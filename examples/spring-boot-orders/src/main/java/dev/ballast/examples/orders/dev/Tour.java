package dev.ballast.examples.orders.dev;

import dev.ballast.testkit.PgNode;
import dev.ballast.testkit.PostgresCluster;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The requests the dev launcher plays against the Orders service, as a client of it would send
 * them, printing where each one ran and checking that it ran where Ballast should have sent it.
 * Bounded: a dozen requests, each with a 10 s timeout.
 */
final class Tour {
  private static final String HEADER = "Ballast-Consistency";
  private static final Duration REPLICA_DELAY = Duration.ofSeconds(1);

  private final String base;
  private final PostgresCluster cluster;
  private final Map<Integer, String> serverNames;
  private final PrintStream out;
  private final RestClient client;
  private boolean ok = true;

  Tour(String base, PostgresCluster cluster, Map<Integer, String> serverNames, PrintStream out) {
    this.base = base;
    this.cluster = cluster;
    this.serverNames = serverNames;
    this.out = out;
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    factory.setReadTimeout(Duration.ofSeconds(10));
    this.client = RestClient.builder().baseUrl(base).requestFactory(factory).build();
  }

  /** Plays every step; true when each showed what it should. */
  boolean play() {
    writesAndUpstreamCalls();
    readsOnReplicas();
    readYourWrites();
    out.println();
    out.println(
        ok
            ? "OK: writes on the primary, reads on the replicas, the upstream calls through Ballast"
                + " and read-your-writes with the Ballast-Consistency header."
            : "FAILED: a step above did not show what it should (see 'expected').");
    return ok;
  }

  private void writesAndUpstreamCalls() {
    out.println(
        "1. Writes go to the primary; the call to the inventory service goes through Ballast");
    Set<String> reservedBy = new LinkedHashSet<>();
    for (String item : new String[] {"book", "pen"}) {
      ResponseEntity<Map<String, Object>> r = post(item);
      Map<String, Object> order = body(r);
      String server = server(order);
      reservedBy.add(String.valueOf(order.get("reservedBy")));
      out.printf(
          "   POST /orders %-6s -> order %s stored on %s, item reserved by inventory instance %s%n",
          '"' + item + '"', order.get("id"), server, order.get("reservedBy"));
      check(server.equals("the primary"), "the write on the primary, not " + server);
      check(r.getHeaders().getFirst(HEADER) != null, "a " + HEADER + " header on a write");
    }
    out.println("   (http://inventory is a service name from application.yml: round robin over");
    out.println("    its instances " + String.join(", ", reservedBy) + ")");
    check(reservedBy.size() == 2, "both inventory instances used, not only " + reservedBy);
  }

  private void readsOnReplicas() {
    out.println("2. Reads (@Transactional(readOnly = true)) go to the replicas");
    Set<String> servers = new LinkedHashSet<>();
    for (int i = 0; i < 4; i++) {
      String count = client.get().uri("/orders/count").retrieve().body(String.class);
      String text = count == null ? "" : count;
      int colon = text.lastIndexOf(':');
      int from = text.indexOf(" from ");
      String server =
          colon < 0 || from < 0 ? text : name(Integer.parseInt(text.substring(colon + 1)));
      servers.add(server);
      out.println(
          "   GET /orders/count -> "
              + (from < 0 ? text : text.substring(0, from))
              + " from "
              + server);
    }
    check(servers.stream().allMatch(s -> s.startsWith("replica")), "every read on a replica");
  }

  private void readYourWrites() {
    out.println(
        "3. Read-your-writes across requests (the replicas now apply changes "
            + REPLICA_DELAY.toMillis()
            + " ms late)");
    for (PgNode r : cluster.replicas()) {
      r.applyDelay(REPLICA_DELAY);
    }
    try {
      ResponseEntity<Map<String, Object>> created = post("lamp");
      Map<String, Object> order = body(created);
      String token = created.getHeaders().getFirst(HEADER);
      out.println(
          "   POST /orders \"lamp\" -> order " + order.get("id") + ", " + HEADER + ": " + token);
      Object id = order.get("id");

      ResponseEntity<Map<String, Object>> without = get(id, null);
      out.println(
          "   GET /orders/"
              + id
              + " without the header -> "
              + (without.getStatusCode().value() == 404
                  ? "404: the replica has not applied the write yet"
                  : "200 from " + server(body(without)) + " (the replica was quick)"));

      ResponseEntity<Map<String, Object>> with = get(id, token);
      boolean found = with.getStatusCode().value() == 200;
      out.println(
          "   GET /orders/"
              + id
              + " with the header    -> "
              + (found
                  ? "200 from " + server(body(with)) + waitedOrNot(body(with))
                  : with.getStatusCode().value() + ": stale"));
      check(found, "the order found with the header");
    } finally {
      for (PgNode r : cluster.replicas()) {
        r.applyDelay(Duration.ZERO);
      }
    }
  }

  private static String waitedOrNot(Map<String, Object> order) {
    return String.valueOf(order.get("servedBy")).startsWith("primary")
        ? " (no replica had the write within read-your-writes.max-wait, so the primary)"
        : " (a replica that had applied the write)";
  }

  private ResponseEntity<Map<String, Object>> post(String item) {
    return client
        .post()
        .uri("/orders")
        .body(item)
        .retrieve()
        .toEntity(new org.springframework.core.ParameterizedTypeReference<>() {});
  }

  private ResponseEntity<Map<String, Object>> get(@Nullable Object id, @Nullable String token) {
    RestClient.RequestHeadersSpec<?> spec = client.get().uri("/orders/{id}", id);
    if (token != null) {
      spec = spec.header(HEADER, token);
    }
    return spec.retrieve()
        .onStatus(s -> s.value() == 404, (req, res) -> {})
        .toEntity(new org.springframework.core.ParameterizedTypeReference<>() {});
  }

  private static Map<String, Object> body(ResponseEntity<Map<String, Object>> r) {
    Map<String, Object> b = r.getBody();
    return b == null ? Map.of() : b;
  }

  /** "replica r1" from servedBy "replica:5433". */
  private String server(Map<String, Object> order) {
    String servedBy = String.valueOf(order.get("servedBy"));
    int colon = servedBy.lastIndexOf(':');
    return colon < 0 ? servedBy : name(Integer.parseInt(servedBy.substring(colon + 1)));
  }

  private String name(int port) {
    return serverNames.getOrDefault(port, "port " + port);
  }

  private void check(boolean condition, String expected) {
    if (!condition) {
      ok = false;
      out.println("   expected: " + expected);
    }
  }

  @Override
  public String toString() {
    return "Tour(" + base + ")";
  }
}
