package dev.ballast.spring.boot.reactive;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code POST /orders} and {@code GET /orders/{id}}, each a blocking call on boundedElastic. */
@RestController
public class ReactiveOrderController {
  private final ReactiveOrders orders;

  public ReactiveOrderController(ReactiveOrders orders) {
    this.orders = orders;
  }

  @PostMapping("/orders")
  public Mono<String> create(@RequestBody String item) {
    return Mono.fromCallable(() -> String.valueOf(orders.create(item)))
        .subscribeOn(Schedulers.boundedElastic());
  }

  @GetMapping("/orders/{id}")
  public Mono<ResponseEntity<String>> get(@PathVariable("id") long id) {
    return Mono.fromCallable(
            () ->
                orders
                    .find(id)
                    .map(ResponseEntity::ok)
                    .orElseGet(() -> ResponseEntity.notFound().build()))
        .subscribeOn(Schedulers.boundedElastic());
  }
}
