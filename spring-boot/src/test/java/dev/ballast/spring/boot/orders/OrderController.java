package dev.ballast.spring.boot.orders;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /orders} (body: the item) and {@code GET /orders/{id}} (404 when not seen). */
@RestController
public class OrderController {
  private final OrderService service;

  public OrderController(OrderService service) {
    this.service = service;
  }

  @PostMapping("/orders")
  public String create(@RequestBody String item) {
    return String.valueOf(service.create(item).getId());
  }

  @GetMapping("/orders/{id}")
  public ResponseEntity<String> get(@PathVariable("id") long id) {
    return service
        .find(id)
        .map(o -> ResponseEntity.ok(o.getItem()))
        .orElse(ResponseEntity.notFound().build());
  }
}
