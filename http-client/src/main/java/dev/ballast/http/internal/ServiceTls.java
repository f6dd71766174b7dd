package dev.ballast.http.internal;

import dev.ballast.http.HttpServiceConfig;
import dev.ballast.lb.Endpoint;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.file.Path;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's TLS client context, built once from its {@code tls.*} settings when the first https
 * endpoint arrives (or at start-up when TLS settings are given), and which endpoints use it.
 *
 * <p>Thread-safe: the context is read lock-free once built; building is serialized.
 */
final class ServiceTls {
  // Under the service runtime's logger, where this warning was logged before TLS had its class.
  private static final Logger log = LoggerFactory.getLogger(ServiceRuntime.class);

  private final String name;
  private final HttpServiceConfig config;
  private volatile @Nullable SslContext ssl;

  ServiceTls(String name, HttpServiceConfig config) {
    this.name = name;
    this.config = config;
  }

  /** Whether {@code e} is reached over TLS: its {@link ServiceRuntime#SCHEME} is {@code https}. */
  static boolean isTls(Endpoint e) {
    return "https"
        .equals(e.metadata().getOrDefault(ServiceRuntime.SCHEME, "http").toLowerCase(Locale.ROOT));
  }

  /** Whether the TLS context exists. */
  boolean ready() {
    return ssl != null;
  }

  /**
   * The TLS context, built on first use; throws {@link IllegalStateException} naming the service
   * when the trust material cannot be loaded.
   */
  SslContext context() {
    SslContext s = ssl;
    return s != null ? s : build();
  }

  private synchronized SslContext build() {
    SslContext s = ssl;
    if (s == null) {
      try {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        if (config.tlsInsecureTrustAll()) {
          log.warn(
              "Service '{}': tls.insecure-trust-all=true, server certificates are NOT verified",
              name);
          b.trustManager(InsecureTrustManagerFactory.INSTANCE)
              .endpointIdentificationAlgorithm(null);
        } else {
          b.endpointIdentificationAlgorithm("HTTPS");
          Path trust = config.tlsTrustCertificates().orElse(null);
          if (trust != null) {
            b.trustManager(trust.toFile());
          }
        }
        s = b.build();
      } catch (SSLException ex) {
        throw new IllegalStateException("service '" + name + "': TLS setup failed", ex);
      }
      ssl = s;
    }
    return s;
  }
}
