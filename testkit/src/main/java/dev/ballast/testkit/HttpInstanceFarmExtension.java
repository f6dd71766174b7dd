package dev.ballast.testkit;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that shares one {@link HttpInstanceFarm} among the tests of a class and gives
 * every test the farm as new: each instance running, without faults, with its counters at zero.
 *
 * <pre>{@code
 * class RetryTest {
 *   @RegisterExtension
 *   static final HttpInstanceFarmExtension farm =
 *       HttpInstanceFarmExtension.of(HttpInstanceFarm.builder().instances(4).zones("a", "b"));
 *
 *   @Test
 *   void retriesElsewhere() {
 *     farm.instance("a1").respondWith(503);   // cleared before the next test
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Lifecycle: registered on a {@code static} field, the farm starts before the first test of the
 * class (nested classes share it) and closes after the last. Registered on an instance field, each
 * test gets its own farm. Before each test, stopped instances are started again on their ports,
 * faults are cleared and counters reset; the request log is emptied with the counters. Tests of one
 * class must not run concurrently.
 *
 * <p>Test methods and lifecycle methods may declare an {@link HttpInstanceFarm} parameter to
 * receive the farm.
 */
public final class HttpInstanceFarmExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private final HttpInstanceFarm.Builder farmBuilder;
  private @Nullable HttpInstanceFarm farm;
  private int openClassScopes;

  private HttpInstanceFarmExtension(HttpInstanceFarm.Builder farmBuilder) {
    this.farmBuilder = farmBuilder;
  }

  /**
   * {@return an extension whose farm {@code builder} builds} The builder is kept and used again
   * whenever a farm is needed; do not change it afterwards.
   *
   * @param builder describes the farm to start before the tests
   */
  public static HttpInstanceFarmExtension of(HttpInstanceFarm.Builder builder) {
    if (builder == null) {
      throw new IllegalArgumentException("builder: null (expected an HttpInstanceFarm.Builder)");
    }
    return new HttpInstanceFarmExtension(builder);
  }

  /** {@return the current farm, built on first use if a test asks before JUnit's callbacks ran} */
  public synchronized HttpInstanceFarm farm() {
    HttpInstanceFarm current = farm;
    if (current == null) {
      current = farmBuilder.build();
      farm = current;
    }
    return current;
  }

  /**
   * {@return an instance of the current farm by id; see {@link HttpInstanceFarm#instance(String)}}
   *
   * @param id the instance's id
   */
  public HttpInstance instance(String id) {
    return farm().instance(id);
  }

  /** {@return the current farm's instances; see {@link HttpInstanceFarm#instances()}} */
  public List<HttpInstance> instances() {
    return farm().instances();
  }

  /**
   * {@return the current farm's instances in {@code zone}; see {@link
   * HttpInstanceFarm#instancesInZone}}
   *
   * @param zone the zone
   */
  public List<HttpInstance> instancesInZone(String zone) {
    return farm().instancesInZone(zone);
  }

  /** {@return the current farm's endpoint list; see {@link HttpInstanceFarm#endpointSpecs()}} */
  public String endpointSpecs() {
    return farm().endpointSpecs();
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    openClassScopes++;
    farm();
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    openClassScopes = Math.max(0, openClassScopes - 1);
    if (openClassScopes == 0) {
      closeFarm();
    }
  }

  @Override
  public synchronized void beforeEach(ExtensionContext context) {
    HttpInstanceFarm current = farm();
    current.startAllInstances();
    current.clearFaults();
    current.resetCounters();
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    if (openClassScopes == 0) {
      // registered on an instance field: one farm per test
      closeFarm();
    }
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == HttpInstanceFarm.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return farm();
  }

  private void closeFarm() {
    HttpInstanceFarm current = farm;
    farm = null;
    if (current != null) {
      current.close();
    }
  }
}
