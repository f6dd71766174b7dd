package dev.ballast.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import dev.ballast.jdbc.Fallback;
import dev.ballast.jdbc.ReadYourWrites;
import dev.ballast.jdbc.Topology;
import dev.ballast.jdbc.internal.dialect.Dialect;
import dev.ballast.jdbc.internal.dialect.Dialects;
import dev.ballast.lb.ConfigReader;
import dev.ballast.lb.LbProperties;
import dev.ballast.lb.Strategy;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Binds {@code ballast.jdbc.*} (and {@code ballast.zone}) properties into router settings and one
 * {@link HikariConfig} per host, collecting every problem before anything starts. Keys of other
 * Ballast modules ({@code ballast.http.*}) are left to them. Stateless.
 */
public final class JdbcProperties {
  /** The prefix of every key read here. */
  public static final String PREFIX = "ballast.jdbc.";

  private static final String URL_EXPECTED = "a JDBC URL such as jdbc:postgresql://host:5432/db";
  private static final Pattern REPLICA_NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final List<String> OTHER_MODULES = List.of("ballast.http.");

  private JdbcProperties() {}

  /** One host to build a pool for. */
  public record HostSpec(
      String name, boolean primary, String zone, String url, HikariConfig hikari) {}

  /**
   * The result of binding: settings, hosts, credentials, the effective configuration, and {@code
   * max-connections-per-host} (0 when not set).
   */
  public record Bound(
      RouterConfig config,
      List<HostSpec> hosts,
      String username,
      @Nullable String password,
      String effective,
      int maxConnectionsPerHost) {}

  /**
   * Binds {@code properties}; {@code environment} looks up {@code BALLAST_ZONE}.
   *
   * @throws dev.ballast.lb.ConfigException listing every problem, one per line
   */
  public static Bound bind(Properties properties, Function<String, @Nullable String> environment) {
    return bind(properties, environment, reader -> {});
  }

  /**
   * As {@link #bind(Properties, Function)}, handing the reader to {@code afterRead} once every key
   * has been read and before unknown keys are checked: lets tooling see {@link
   * ConfigReader#knownKeys()} (the Spring Boot starter checks its IDE metadata against it).
   *
   * @throws dev.ballast.lb.ConfigException listing every problem, one per line
   */
  public static Bound bind(
      Properties properties,
      Function<String, @Nullable String> environment,
      Consumer<ConfigReader> afterRead) {
    ConfigReader reader = new ConfigReader(ownKeys(properties), environment);
    String name = reader.string(PREFIX + "name", RouterConfig.DEFAULT_NAME);
    String zone = LbProperties.localZone(reader);
    String username = reader.string(PREFIX + "username", "");
    String password = reader.optionalString(PREFIX + "password").orElse(null);

    List<HostSpec> hosts = new ArrayList<>();
    Map<String, String> template = reader.passthrough(PREFIX + "hikari.");
    // The template's own problems are reported once, under its own keys.
    HikariProperties.apply(new HikariConfig(), template, PREFIX + "hikari.", reader);

    String primaryUrl = url(reader, PREFIX + "primary.url");
    String primaryZone = reader.string(PREFIX + "primary.zone", "");
    hosts.add(
        host(
            reader, name, "primary", true, primaryZone, primaryUrl, template, PREFIX + "primary."));
    for (String replica : reader.names(PREFIX + "replicas.")) {
      String prefix = PREFIX + "replicas." + replica + ".";
      if (!REPLICA_NAME.matcher(replica).matches() || replica.equals("primary")) {
        reader.problem(
            prefix + "url",
            reader.optionalString(prefix + "url").orElse(null),
            "a replica name of letters, digits, '-' or '_', other than 'primary'");
        continue;
      }
      String url = url(reader, prefix + "url");
      String replicaZone = reader.string(prefix + "zone", "");
      hosts.add(host(reader, name, replica, false, replicaZone, url, template, prefix));
    }

    Strategy strategy =
        reader.choice(
            PREFIX + "replica-strategy",
            Strategy.LEAST_REQUEST,
            Strategy::fromPropertyName,
            "one of " + Strategy.names());
    Duration interval =
        positive(
            reader, PREFIX + "health-check.interval", RouterConfig.DEFAULT_HEALTH_CHECK_INTERVAL);
    Duration probeTimeout =
        positive(
            reader,
            PREFIX + "health-check.timeout",
            RouterConfig.defaultHealthCheckTimeout(interval));
    Duration maxLag =
        reader.duration(PREFIX + "max-replica-lag", RouterConfig.DEFAULT_MAX_REPLICA_LAG);
    Fallback fallback =
        reader.choice(
            PREFIX + "fallback",
            Fallback.PRIMARY,
            Fallback::fromPropertyName,
            "one of primary|fail");
    ReadYourWrites ryw =
        reader.choice(
            PREFIX + "read-your-writes",
            ReadYourWrites.OFF,
            ReadYourWrites::fromPropertyName,
            "one of off|window|lsn|gtid");
    Duration window =
        positive(reader, PREFIX + "read-your-writes.window", RouterConfig.DEFAULT_RYW_WINDOW);
    Duration maxWait =
        reader.duration(PREFIX + "read-your-writes.max-wait", RouterConfig.DEFAULT_RYW_MAX_WAIT);
    Topology topology =
        reader.choice(
            PREFIX + "topology", Topology.STATIC, Topology::fromPropertyName, "one of static|auto");

    engineProblems(reader, hosts, ryw);
    // Optional and process-wide: read only when set, so it joins the known keys only then.
    int maxConnectionsPerHost =
        properties.getProperty(SharedHosts.BUDGET_KEY) == null
            ? 0
            : reader.integer(SharedHosts.BUDGET_KEY, 0, 1, 100_000);
    afterRead.accept(reader);
    reader.checkUnknownKeys();
    reader.throwIfProblems();
    RouterConfig config =
        new RouterConfig(
            name,
            zone,
            strategy,
            maxLag,
            fallback,
            ryw,
            window,
            maxWait,
            topology,
            interval,
            probeTimeout);
    return new Bound(config, hosts, username, password, reader.describe(), maxConnectionsPerHost);
  }

  /**
   * Every host must speak the primary's engine (the engine decides how the router probes and what a
   * position is), and {@code gtid} needs an engine with GTIDs.
   */
  private static void engineProblems(
      ConfigReader reader, List<HostSpec> hosts, ReadYourWrites readYourWrites) {
    String primaryUrl = hosts.get(0).url();
    if (primaryUrl.isEmpty()) {
      return;
    }
    Dialect dialect = Dialects.forUrl(primaryUrl);
    for (HostSpec h : hosts.subList(1, hosts.size())) {
      if (!h.url().isEmpty() && Dialects.forUrl(h.url()) != dialect) {
        reader.problem(
            PREFIX + "replicas." + h.name() + ".url",
            Urls.mask(h.url()),
            "a " + dialect.name() + " URL, as the primary's");
      }
    }
    if (readYourWrites == ReadYourWrites.GTID && dialect.lsnPositions()) {
      reader.problem(
          PREFIX + "read-your-writes",
          readYourWrites.propertyName(),
          "off|window|lsn with a " + dialect.name() + " primary: GTIDs are MariaDB's and MySQL's");
    }
  }

  /** The properties this module reads: everything under {@code ballast.} but other modules'. */
  private static Properties ownKeys(Properties properties) {
    Properties own = new Properties();
    for (String key : properties.stringPropertyNames()) {
      if (OTHER_MODULES.stream().noneMatch(key::startsWith)) {
        own.setProperty(key, properties.getProperty(key));
      }
    }
    return own;
  }

  private static String url(ConfigReader reader, String key) {
    String url = reader.required(key, URL_EXPECTED);
    if (url.isEmpty()) {
      return url;
    }
    if (!url.startsWith("jdbc:")) {
      reader.problem(key, url, URL_EXPECTED);
    }
    return url;
  }

  private static Duration positive(ConfigReader reader, String key, Duration def) {
    Duration d = reader.duration(key, def);
    if (d.isZero()) {
      reader.problem(key, reader.optionalString(key).orElse("0"), "a positive duration");
      return def;
    }
    return d;
  }

  private static HostSpec host(
      ConfigReader reader,
      String routerName,
      String hostName,
      boolean primary,
      String zone,
      String url,
      Map<String, String> template,
      String hostPrefix) {
    HikariConfig h = new HikariConfig();
    // A host that is down at start-up must not keep the router from starting: the monitor
    // reports it and routing avoids it until it answers.
    h.setInitializationFailTimeout(-1);
    h.setPoolName(routerName + "-" + hostName);
    HikariProperties.apply(h, template, PREFIX + "hikari.", new ConfigReader(new Properties()));
    Map<String, String> overrides = reader.passthrough(hostPrefix + "hikari.");
    HikariProperties.apply(h, overrides, hostPrefix + "hikari.", reader);
    h.setPoolName(routerName + "-" + hostName);
    if (!url.isEmpty() && url.startsWith("jdbc:")) {
      h.setJdbcUrl(url);
      if (h.getDriverClassName() == null) {
        try {
          DriverManager.getDriver(url);
        } catch (SQLException e) {
          reader.problem(
              hostPrefix + "url", url, "a JDBC URL that a driver on the class path accepts");
        }
      }
    }
    return new HostSpec(hostName, primary, zone, url, h);
  }

  /** Sets the credentials on every host's pool config (after binding, so they are never shown). */
  public static void applyCredentials(Bound bound) {
    for (HostSpec s : bound.hosts()) {
      if (!bound.username().isEmpty() && s.hikari().getUsername() == null) {
        s.hikari().setUsername(bound.username());
      }
      String password = bound.password();
      if (password != null && s.hikari().getPassword() == null) {
        s.hikari().setPassword(password);
      }
    }
  }

  /** The probe connection properties of {@code spec}: credentials and driver properties. */
  public static Properties probeProperties(HostSpec spec) {
    Properties p = new Properties();
    p.putAll(spec.hikari().getDataSourceProperties());
    String user = spec.hikari().getUsername();
    if (user != null) {
      p.setProperty("user", user);
    }
    String password = spec.hikari().getPassword();
    if (password != null) {
      p.setProperty("password", password);
    }
    return p;
  }
}
