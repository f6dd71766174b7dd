package dev.ballast.spring.boot.reactive;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Orders through JdbcTemplate in Spring transactions (blocking). */
@Service
public class ReactiveOrders {
  private final JdbcTemplate jdbc;

  public ReactiveOrders(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional
  public long create(String item) {
    Long id =
        jdbc.queryForObject(
            "INSERT INTO purchase_order (item) VALUES (?) RETURNING id", Long.class, item);
    return id == null ? -1 : id;
  }

  @Transactional(readOnly = true)
  public Optional<String> find(long id) {
    return jdbc
        .queryForList("SELECT item FROM purchase_order WHERE id = ?", String.class, id)
        .stream()
        .findFirst();
  }
}
