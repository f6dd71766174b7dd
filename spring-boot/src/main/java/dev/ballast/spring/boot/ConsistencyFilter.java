package dev.ballast.spring.boot;

import static java.util.Objects.requireNonNull;

import dev.ballast.jdbc.ConsistencyScope;
import dev.ballast.jdbc.ConsistencyToken;
import dev.ballast.jdbc.RoutingDataSource;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Read-your-writes across instances of a service ({@code ballast.jdbc.read-your-writes=lsn}).
 *
 * <p>A request that carries {@code Ballast-Consistency} with an entry for this router's database
 * has its reads wait until a replica has replayed that position (within {@code
 * read-your-writes.max-wait}, then they go to the primary). A request that wrote gets the header
 * back with the position of its last write, merged into the entries it came with. Both hold for
 * that request only: the request runs in its own {@link ConsistencyScope}, opened here and closed
 * when the request ends, so a pooled thread carries nothing into the next request. The header is
 * added when the response body is first written or the response is committed (a response that is
 * already committed by then cannot get it). Synchronous requests only: work handed to another
 * thread must pass the token itself.
 */
public final class ConsistencyFilter extends OncePerRequestFilter implements Ordered {
  private static final ConsistencyToken ANY_POSITION = ConsistencyToken.ofLsn(0);

  private final RoutingDataSource router;

  /**
   * A filter for {@code router}'s database.
   *
   * @param router the routing data source whose positions the tokens name
   */
  public ConsistencyFilter(RoutingDataSource router) {
    this.router = requireNonNull(router, "router");
  }

  /** Early, so that the scope covers every filter and handler that reads or writes. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 100;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Map<String, ConsistencyToken> incoming =
        ConsistencyHeader.parse(Collections.list(request.getHeaders(ConsistencyHeader.NAME)));
    ConsistencyToken start = incoming.getOrDefault(router.name(), ANY_POSITION);
    try (ConsistencyScope scope = router.withToken(start)) {
      TokenResponse wrapped = new TokenResponse(response, incoming, start);
      chain.doFilter(request, wrapped);
      wrapped.addHeaderOnce();
    }
  }

  /** Adds the header just before the response commits. */
  private final class TokenResponse extends HttpServletResponseWrapper {
    private final Map<String, ConsistencyToken> incoming;
    private final ConsistencyToken start;
    private boolean added;

    TokenResponse(
        HttpServletResponse response,
        Map<String, ConsistencyToken> incoming,
        ConsistencyToken start) {
      super(response);
      this.incoming = incoming;
      this.start = start;
    }

    void addHeaderOnce() {
      if (added || isCommitted()) {
        return;
      }
      added = true;
      Optional<ConsistencyToken> now = router.currentToken();
      if (now.isPresent() && now.get().compareTo(start) > 0) {
        Map<String, ConsistencyToken> out = new TreeMap<>(incoming);
        out.put(router.name(), now.get());
        setHeader(ConsistencyHeader.NAME, ConsistencyHeader.format(out));
      }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      addHeaderOnce();
      return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      addHeaderOnce();
      return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
      addHeaderOnce();
      super.flushBuffer();
    }

    @Override
    public void sendError(int sc) throws IOException {
      addHeaderOnce();
      super.sendError(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
      addHeaderOnce();
      super.sendError(sc, msg);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
      addHeaderOnce();
      super.sendRedirect(location);
    }
  }
}
