package dev.ballast.examples.orders;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /orders} (body: the item), {@code GET /orders/{id}}, {@code GET /orders/count}. */
@RestController
public class OrderController {
  private final OrderService orders;

  /** A controller over {@code orders}. */
  public OrderController(OrderService orders) {
    this.orders = orders;
  }

  /** Creates an order; the response carries {@code Ballast-Consistency}, the write's position. */
  @PostMapping("/orders")
  public Order create(@RequestBody String item) {
    return orders.create(item);
  }

  /** One order, or 404 when the server that answered has not seen it. */
  @GetMapping("/orders/{id}")
  public ResponseEntity<Order> get(@PathVariable("id") long id) {
    return ResponseEntity.of(orders.find(id));
  }

  /** The number of orders and the server that counted them. */
  @GetMapping("/orders/count")
  public String count() {
    return orders.countAndServer();
  }
}
