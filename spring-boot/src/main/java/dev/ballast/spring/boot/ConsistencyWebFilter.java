package dev.ballast.spring.boot;

import static java.util.Objects.requireNonNull;

import dev.ballast.jdbc.ConsistencyToken;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.spring.boot.internal.ConsistencyAccessor;
import dev.ballast.spring.boot.internal.RequestConsistency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes across instances of a WebFlux service ({@code
 * ballast.jdbc.read-your-writes=lsn}), the reactive counterpart of {@link ConsistencyFilter}.
 *
 * <p>A request that carries {@code Ballast-Consistency} with an entry for this router's database
 * has its reads wait until a replica has replayed that position (within {@code
 * read-your-writes.max-wait}, then they go to the primary); entries of other databases are ignored.
 * A request that wrote gets the header back, just before its response is committed, with the
 * position of its last write merged into the entries it came with. Both hold for that request only.
 *
 * <p><b>How the position reaches blocking JDBC.</b> The request's position travels in the Reactor
 * {@code Context}; Reactor's automatic context propagation (which the starter turns on, see {@link
 * BallastReactiveReadYourWritesAutoConfiguration}) sets it as the router's per-thread state around
 * each signal of the request, including the work of {@code Mono.fromCallable(...)
 * .subscribeOn(Schedulers.boundedElastic())}, and collects the position of that work's writes when
 * it returns to Reactor.
 *
 * <p><b>Limits.</b> Work the request hands to a thread outside Reactor (an {@code ExecutorService},
 * a {@code CompletableFuture} without Reactor) does not see the position and its writes are not
 * reported, as with any thread-local. A response committed on another thread while the blocking
 * work that wrote is still returning (a {@code publishOn} right after it) may miss that write's
 * position; a response already committed before the write (a stream) cannot get the header.
 */
public final class ConsistencyWebFilter implements WebFilter, Ordered {
  private static final ConsistencyToken ANY_POSITION = ConsistencyToken.ofLsn(0);

  private final RoutingDataSource router;

  /**
   * A filter for {@code router}'s database.
   *
   * @param router the routing data source whose database's positions the filter tracks
   */
  public ConsistencyWebFilter(RoutingDataSource router) {
    this.router = requireNonNull(router, "router");
  }

  /** Early, so that every later filter and the handler run in the request's scope. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 100;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    List<String> values = exchange.getRequest().getHeaders().getOrEmpty(ConsistencyHeader.NAME);
    Map<String, ConsistencyToken> incoming = ConsistencyHeader.parse(values);
    RequestConsistency request =
        new RequestConsistency(router, incoming.getOrDefault(router.name(), ANY_POSITION));
    ServerHttpResponse response = exchange.getResponse();
    response.beforeCommit(() -> Mono.fromRunnable(() -> addHeader(response, incoming, request)));
    return chain.filter(exchange).contextWrite(ctx -> ctx.put(ConsistencyAccessor.KEY, request));
  }

  private void addHeader(
      ServerHttpResponse response,
      Map<String, ConsistencyToken> incoming,
      RequestConsistency request) {
    ConsistencyToken now = request.settle();
    if (now.compareTo(request.start()) > 0) {
      Map<String, ConsistencyToken> out = new TreeMap<>(incoming);
      out.put(router.name(), now);
      response.getHeaders().set(ConsistencyHeader.NAME, ConsistencyHeader.format(out));
    }
  }
}
