package dev.ballast.http;

import static java.util.Objects.requireNonNull;

import dev.ballast.lb.ConfigException;
import dev.ballast.lb.LbConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Immutable configuration of one service in a {@link BallastHttpClient}: the load-balancer settings
 * ({@link LbConfig}) plus transport, retry, hedging, health-check and isolation (bulkhead and
 * circuit breaker) settings. The property names in the accessors' documentation are relative to
 * {@code ballast.http.services.<name>.} (falling back to {@code ballast.http.defaults.}).
 */
// The public API is flat by contract (one accessor and one builder method per key); each concern's
// keys, defaults and checks live in a package-private superclass of their own, in key order:
// ConnectionSettings, RetrySettings, IsolationSettings. This class adds the load balancer, health
// checks and TLS, and puts the checks together in build().
public final class HttpServiceConfig extends IsolationSettings {
  private final LbConfig lb;
  private final @Nullable String healthCheckPath;
  private final boolean tlsInsecureTrustAll;
  private final @Nullable Path tlsTrustCertificates;

  private HttpServiceConfig(Builder b) {
    super(b);
    lb = b.lb;
    healthCheckPath = b.healthCheckPath;
    tlsInsecureTrustAll = b.tlsInsecureTrustAll;
    tlsTrustCertificates = b.tlsTrustCertificates;
  }

  /** {@return a builder with the documented defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the defaults} */
  public static HttpServiceConfig defaults() {
    return builder().build();
  }

  /** {@return a builder pre-filled with this configuration} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.copyIsolation(this);
    b.lb = lb;
    b.healthCheckPath = healthCheckPath;
    b.tlsInsecureTrustAll = tlsInsecureTrustAll;
    b.tlsTrustCertificates = tlsTrustCertificates;
    return b;
  }

  /**
   * {@return the load-balancer settings (strategy, zones, health thresholds, ejection, panic, slow
   * start)}
   */
  public LbConfig lb() {
    return lb;
  }

  /**
   * {@return {@code health-check.path}: path of active health checks; empty (default) = no checks}
   */
  public Optional<String> healthCheckPath() {
    return Optional.ofNullable(healthCheckPath);
  }

  /**
   * {@return {@code tls.insecure-trust-all}: trust every server certificate and skip host name
   * checks for {@code https} endpoints} For tests only; default false.
   */
  public boolean tlsInsecureTrustAll() {
    return tlsInsecureTrustAll;
  }

  /**
   * {@return {@code tls.trust-certificates}: a PEM file of X.509 certificates (e.g. a private CA)
   * that {@code https} endpoints' certificates must chain to, instead of the JDK's default trust
   * store} Host names are verified either way, unless {@link #tlsInsecureTrustAll()}. Empty
   * (default) = the JDK's trust store.
   */
  public Optional<Path> tlsTrustCertificates() {
    return Optional.ofNullable(tlsTrustCertificates);
  }

  @Override
  public String toString() {
    return "HttpServiceConfig{"
        + connectionString()
        + ", "
        + retryString()
        + ", healthCheckPath="
        + (healthCheckPath == null ? "none" : healthCheckPath)
        + ", tlsTrustCertificates="
        + (tlsTrustCertificates == null ? "default" : tlsTrustCertificates)
        + ", "
        + isolationString()
        + ", lb="
        + lb
        + '}';
  }

  /** Builds an {@link HttpServiceConfig}; not thread-safe. */
  public static final class Builder extends IsolationSettings.Builder {
    private LbConfig lb = LbConfig.defaults();
    private @Nullable String healthCheckPath;
    private boolean tlsInsecureTrustAll;
    private @Nullable Path tlsTrustCertificates;

    private Builder() {}

    /**
     * See {@link HttpServiceConfig#lb()}.
     *
     * @param value see {@link HttpServiceConfig#lb()}
     * @return this builder
     */
    public Builder lb(LbConfig value) {
      lb = requireNonNull(value, "lb");
      return this;
    }

    /**
     * See {@link HttpServiceConfig#healthCheckPath()}; null turns active checks off.
     *
     * @param value see {@link HttpServiceConfig#healthCheckPath()}; null turns active checks off
     * @return this builder
     */
    public Builder healthCheckPath(@Nullable String value) {
      healthCheckPath = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#tlsInsecureTrustAll()}.
     *
     * @param value see {@link HttpServiceConfig#tlsInsecureTrustAll()}
     * @return this builder
     */
    public Builder tlsInsecureTrustAll(boolean value) {
      tlsInsecureTrustAll = value;
      return this;
    }

    /**
     * See {@link HttpServiceConfig#tlsTrustCertificates()}; null restores the default.
     *
     * @param value see {@link HttpServiceConfig#tlsTrustCertificates()}; null restores the default
     * @return this builder
     */
    public Builder tlsTrustCertificates(@Nullable Path value) {
      tlsTrustCertificates = value;
      return this;
    }

    /**
     * Validates every field and builds. A {@code tls.trust-certificates} file is read here, so a
     * missing or malformed one fails at start-up rather than at the first {@code https} call.
     *
     * @return the configuration
     * @throws ConfigException listing every problem, one per line, keyed by relative property name
     */
    public HttpServiceConfig build() {
      List<String> problems = new ArrayList<>();
      validateConnection(problems);
      validateRetry(problems);
      String path = healthCheckPath;
      if (path != null) {
        check(
            problems,
            path.startsWith("/") && path.chars().noneMatch(c -> c <= 32 || c == 127),
            "health-check.path",
            path,
            "a path starting with '/', no spaces");
      }
      Path trust = tlsTrustCertificates;
      if (trust != null) {
        check(
            problems,
            readsCertificates(trust),
            "tls.trust-certificates",
            trust,
            "a readable PEM file of one or more X.509 certificates");
      }
      validateIsolation(problems);
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return new HttpServiceConfig(this);
    }

    private static boolean readsCertificates(Path file) {
      try (InputStream in = Files.newInputStream(file)) {
        return !CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty();
      } catch (IOException | CertificateException | RuntimeException e) {
        return false;
      }
    }
  }
}
