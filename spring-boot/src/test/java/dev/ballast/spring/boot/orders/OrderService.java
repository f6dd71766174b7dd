package dev.ballast.spring.boot.orders;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Orders through JPA; which server a transaction runs on, through JdbcTemplate. */
@Service
public class OrderService {
  private static final String SERVER =
      "SELECT CASE WHEN pg_is_in_recovery() THEN 'replica' ELSE 'primary' END";

  private final OrderRepository orders;
  private final JdbcTemplate jdbc;

  public OrderService(OrderRepository orders, JdbcTemplate jdbc) {
    this.orders = orders;
    this.jdbc = jdbc;
  }

  @Transactional
  public PurchaseOrder create(String item) {
    return orders.save(new PurchaseOrder(item));
  }

  @Transactional(readOnly = true)
  public Optional<PurchaseOrder> find(long id) {
    return orders.findById(id);
  }

  /** Reads in a read-write transaction: always on the primary. */
  @Transactional
  public Optional<PurchaseOrder> findForUpdate(long id) {
    return orders.findById(id);
  }

  @Transactional(readOnly = true)
  public String serverOfReadOnlyTransaction() {
    return jdbc.queryForObject(SERVER, String.class);
  }

  @Transactional
  public String serverOfReadWriteTransaction() {
    return jdbc.queryForObject(SERVER, String.class);
  }
}
