package dev.ballast.examples.orders;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.client.RestClient;

/**
 * Orders in PostgreSQL through {@link JdbcTemplate}, and item reservations from the {@code
 * inventory} service through Boot's {@link RestClient}. Read-only transactions are the only hint
 * given: Ballast sends them to a replica and everything else to the primary.
 */
@Service
public class OrderService {
  // which server answered, so that the example can show where each request ran
  private static final String SERVER =
      "(CASE WHEN pg_is_in_recovery() THEN 'replica' ELSE 'primary' END)"
          + " || ':' || inet_server_port()";

  private final JdbcTemplate jdbc;
  private final RestClient inventory;

  /** A service over the context's DataSource and RestClient. */
  public OrderService(JdbcTemplate jdbc, RestClient.Builder rest) {
    this.jdbc = jdbc;
    // "inventory" is a service name from application.yml, not a DNS name: Ballast picks the host
    this.inventory = rest.baseUrl("http://inventory").build();
  }

  /** Reserves the item upstream, then stores the order (on the primary). */
  @Transactional
  public Order create(String item) {
    String reservedBy =
        inventory.post().uri("/reservations").body(item).retrieve().body(String.class);
    String by = reservedBy == null ? "?" : reservedBy;
    return jdbc.queryForObject(
        "INSERT INTO purchase_order (item, reserved_by) VALUES (?, ?)"
            + " RETURNING id, item, reserved_by, "
            + SERVER,
        (rs, n) -> new Order(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
        item,
        by);
  }

  /** One order, read on a replica (or on the primary when the request's token requires it). */
  @Transactional(readOnly = true)
  public Optional<Order> find(long id) {
    List<Order> found =
        jdbc.query(
            "SELECT id, item, reserved_by, " + SERVER + " FROM purchase_order WHERE id = ?",
            (rs, n) -> new Order(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
            id);
    return found.stream().findFirst();
  }

  /** How many orders there are, read on a replica; and which server answered. */
  @Transactional(readOnly = true)
  public String countAndServer() {
    return String.valueOf(
        jdbc.queryForObject(
            "SELECT 'orders: ' || count(*) || ', from ' || " + SERVER + " FROM purchase_order",
            String.class));
  }
}
