package dev.ballast.discovery.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One fabric8 client for one watched service, on the JDK's HTTP client, with thread pools this
 * class owns and names ({@code ballast-k8s-<service>-…}) so that closing it provably leaves no
 * thread behind.
 *
 * <p>Retries are left to the watch loop: the client itself neither retries requests nor reconnects
 * watches, so every failure reaches the loop, which counts it and backs off.
 */
final class ApiClient implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int REQUEST_TIMEOUT_MS = 10_000;

  private final OwnedThreads threads;
  private final ExecutorService tasks;
  private final ExecutorService http;
  private final KubernetesClient client;

  ApiClient(KubernetesTarget target) {
    String prefix = "ballast-k8s-" + target.service();
    this.threads = new OwnedThreads(prefix + "-client-");
    this.tasks = Executors.newCachedThreadPool(threads);
    this.http = Executors.newCachedThreadPool(threads);
    ExecutorService httpPool = http;
    JdkHttpClientFactory factory =
        new JdkHttpClientFactory() {
          @Override
          protected java.net.http.HttpClient.Builder createNewHttpClientBuilder() {
            return java.net.http.HttpClient.newBuilder().executor(httpPool);
          }

          @Override
          protected void closeHttpClient(
              io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientImpl client) {
            // The pool is shut down with this ApiClient, not with one of fabric8's derived clients.
          }
        };
    this.client =
        new KubernetesClientBuilder()
            .withConfig(config(target))
            .withHttpClientFactory(factory)
            .withTaskExecutor(tasks)
            .build();
  }

  private static Config config(KubernetesTarget target) {
    // Auto-configuration reads the in-cluster service account, else kubeconfig; an explicit URL
    // keeps their credentials and replaces only the address.
    ConfigBuilder b = new ConfigBuilder(Config.autoConfigure(null));
    if (target.masterUrl() != null) {
      b.withMasterUrl(target.masterUrl());
    }
    return b.withNamespace(target.namespace())
        .withWatchReconnectLimit(0)
        .withRequestRetryBackoffLimit(0)
        .withConnectionTimeout(CONNECT_TIMEOUT_MS)
        .withRequestTimeout(REQUEST_TIMEOUT_MS)
        .build();
  }

  KubernetesClient client() {
    return client;
  }

  /** Closes the client and stops its threads; waits briefly for them to end. */
  @Override
  public void close() {
    try {
      client.close();
    } finally {
      tasks.shutdownNow();
      http.shutdownNow();
      try {
        threads.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
