package dev.ballast.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.http.BallastHttpClient;
import dev.ballast.http.ServiceRequest;
import dev.ballast.http.ServiceResponse;
import dev.ballast.jdbc.ConsistencyScope;
import dev.ballast.jdbc.RoutingDataSource;
import dev.ballast.testkit.DnsServer;
import dev.ballast.testkit.HttpInstanceFarm;
import dev.ballast.testkit.PostgresCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's quick-start snippets, as written in {@code README-SNIPPETS.md}, against a
 * testkit farm and cluster; and checks that every snippet there (and every Ballast snippet in the
 * project README) is the very code this test runs, or the demo's own properties file.
 */
class ReadmeSnippetsTest {

  private static final Path SNIPPETS = Path.of("README-SNIPPETS.md");
  private static final Path README = Path.of("..", "README.md");
  private static final Path DEMO_PROPERTIES = Path.of("src/main/resources/demo.properties");
  private static final Path THIS_SOURCE =
      Path.of("src/test/java/dev/ballast/examples/ReadmeSnippetsTest.java");

  /** The README's HTTP properties block. */
  private static final String HTTP_PROPERTIES =
      """
      ballast.zone=us-east-1a
      ballast.http.services.orders.endpoints=http://10.0.1.5:8080;zone=us-east-1a, http://10.0.1.6:8080;zone=us-east-1a, http://10.0.2.7:8080;zone=us-east-1b
      ballast.http.services.orders.strategy=peak-ewma
      ballast.http.services.orders.health-check.path=/health
      """;

  /** The README's JDBC properties block. */
  private static final String JDBC_PROPERTIES =
      """
      ballast.zone=us-east-1a
      ballast.jdbc.username=app
      ballast.jdbc.password=secret
      ballast.jdbc.primary.url=jdbc:postgresql://10.0.1.9:5432/app
      ballast.jdbc.replicas.r1.url=jdbc:postgresql://10.0.1.10:5432/app
      ballast.jdbc.replicas.r1.zone=us-east-1a
      ballast.jdbc.replicas.r2.url=jdbc:postgresql://10.0.2.10:5432/app
      ballast.jdbc.replicas.r2.zone=us-east-1b
      ballast.jdbc.read-your-writes=lsn
      ballast.jdbc.topology=auto
      """;

  /** The README's DNS discovery properties block. */
  private static final String DNS_PROPERTIES =
      """
      ballast.http.services.orders.discovery=dns
      ballast.http.services.orders.discovery.dns.name=orders.shop.svc.cluster.local
      ballast.http.services.orders.discovery.dns.port=8080
      ballast.http.services.orders.discovery.dns.zones=10.0.1.0/24=us-east-1a,10.0.2.0/24=us-east-1b
      """;

  @Test
  void theDnsBlockFollowsTheNameWithZonesFromSubnets() throws Exception {
    Properties props = new Properties();
    props.load(new StringReader(DNS_PROPERTIES));
    try (DnsServer dns = DnsServer.builder().build()) {
      dns.a("orders.shop.svc.cluster.local", 1, "10.0.1.5", "10.0.2.7");
      // the block's resolver is the system's; the test's answers come from loopback
      props.setProperty("ballast.http.services.orders.discovery.dns.server", dns.hostAndPort());
      try (BallastHttpClient client = BallastHttpClient.fromProperties(props)) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> seen = List.of();
        while (seen.size() < 2 && System.nanoTime() < deadline) {
          seen =
              client.loadBalancer("orders").endpoints().stream()
                  .map(
                      e ->
                          e.endpoint().host()
                              + ":"
                              + e.endpoint().port()
                              + "@"
                              + e.endpoint().zone())
                  .sorted()
                  .toList();
          Thread.sleep(20);
        }
        assertThat(seen).containsExactly("10.0.1.5:8080@us-east-1a", "10.0.2.7:8080@us-east-1b");
      }
    }
  }

  @Test
  void quickStartsRunAgainstTestkitServers() throws Exception {
    Properties props = new Properties();
    props.load(new StringReader(HTTP_PROPERTIES + JDBC_PROPERTIES));
    String printed;
    int localCalls;
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      try (HttpInstanceFarm farm =
              HttpInstanceFarm.builder()
                  .instance("orders-1", "us-east-1a")
                  .instance("orders-2", "us-east-1a")
                  .instance("orders-3", "us-east-1b")
                  .build();
          PostgresCluster pg =
              PostgresCluster.builder()
                  .replicas(2)
                  .zones("us-east-1a", "us-east-1a", "us-east-1b")
                  .start()) {
        props.setProperty("ballast.http.services.orders.endpoints", farm.endpointSpecs());
        props.setProperty("ballast.jdbc.username", pg.primary().user());
        props.setProperty("ballast.jdbc.primary.url", pg.primary().jdbcUrl());
        props.setProperty("ballast.jdbc.replicas.r1.url", pg.node("r1").jdbcUrl());
        props.setProperty("ballast.jdbc.replicas.r2.url", pg.node("r2").jdbcUrl());
        farm.instance("orders-1").latency(Duration.ofMillis(200)); // also: hang, reset, stop
        pg.node("r1").pauseReplay(); // also: resumeReplay, applyDelay, stop, promote
        // ... run the code under test against props
        createOrdersTable(pg);
        httpQuickStart(props);
        jdbcQuickStart(props);
        localCalls =
            (int)
                (farm.instance("orders-1").requestCount()
                    + farm.instance("orders-2").requestCount());
      }
    } finally {
      System.setOut(stdout);
      printed = captured.toString(StandardCharsets.UTF_8);
    }
    stdout.print(printed);
    assertThat(printed).containsPattern("200 from 127\\.0\\.0\\.1:\\d+: orders-[12]\\n");
    assertThat(printed).contains("read book\n");
    assertThat(localCalls).isEqualTo(1);
  }

  private static void httpQuickStart(Properties props) {
    try (BallastHttpClient client = BallastHttpClient.fromProperties(props)) {
      ServiceResponse r = client.send(ServiceRequest.get("orders", "/orders/42").build());
      System.out.println(r.statusCode() + " from " + r.endpoint().id() + ": " + r.bodyAsString());
    }
  }

  private static void jdbcQuickStart(Properties props) throws Exception {
    try (RoutingDataSource db = RoutingDataSource.fromProperties(props);
        ConsistencyScope request = db.newScope()) { // one request: its reads see its writes
      try (Connection c = db.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO orders (id, item) VALUES (42, 'book')");
      }
      try (Connection c = db.forReads().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT item FROM orders WHERE id = 42")) {
        rs.next();
        System.out.println("read " + rs.getString(1));
      }
    }
  }

  private static void createOrdersTable(PostgresCluster pg) throws Exception {
    try (Connection c = pg.primary().dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, item text NOT NULL)");
    }
    pg.waitForReplication(); // r1 is paused on purpose and skipped
  }

  @Test
  void snippetsFileHoldsExactlyTheCodeAndPropertiesThisTestRuns() throws IOException {
    String snippets = Files.readString(SNIPPETS);
    String source = Files.readString(THIS_SOURCE);

    assertThat(blocks(snippets, "properties"))
        .containsExactly(Files.readString(DEMO_PROPERTIES), HTTP_PROPERTIES, JDBC_PROPERTIES);
    List<String> java = blocks(snippets, "java");
    assertThat(java).hasSize(3);
    for (String block : java) {
      assertThat(appearsIn(block, source))
          .as("README-SNIPPETS.md block in this test:\n" + block)
          .isTrue();
    }
  }

  @Test
  void everyBallastSnippetOfTheProjectReadmeIsOneOfThem() throws IOException {
    String snippets = Files.readString(SNIPPETS);
    String readme = Files.readString(README);
    String demo = Files.readString(DEMO_PROPERTIES);
    for (String block : blocks(readme, "java")) {
      if (block.contains("fromProperties") || block.contains("PostgresCluster")) {
        assertThat(snippets).as("README.md block in README-SNIPPETS.md:\n" + block).contains(block);
      }
    }
    for (String block : blocks(readme, "properties")) {
      if (block.contains("ballast.")) {
        assertThat(List.of(demo, HTTP_PROPERTIES, JDBC_PROPERTIES, DNS_PROPERTIES))
            .as("README.md properties block run by this test or used by the demo")
            .contains(block);
      }
    }
  }

  /** The fenced blocks of {@code language} in a Markdown text, each ending with a newline. */
  static List<String> blocks(String markdown, String language) {
    Matcher m =
        Pattern.compile("(?m)^```" + Pattern.quote(language) + "\\n(.*?)^```$", Pattern.DOTALL)
            .matcher(markdown);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * Whether the lines of {@code block} appear in {@code source} one after the other, ignoring
   * indentation; a block line {@code // ...} stands for any number of source lines.
   */
  static boolean appearsIn(String block, String source) {
    List<String> want = trimmed(block);
    List<String> have = trimmed(source);
    for (int start = 0; start < have.size(); start++) {
      if (matchesFrom(want, 0, have, start)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesFrom(List<String> want, int w, List<String> have, int h) {
    if (w == want.size()) {
      return true;
    }
    if (h >= have.size() || !have.get(h).equals(want.get(w))) {
      return false;
    }
    if (!want.get(w).startsWith("// ...")) {
      return matchesFrom(want, w + 1, have, h + 1);
    }
    for (int next = h + 1; next <= have.size(); next++) {
      if (matchesFrom(want, w + 1, have, next)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> trimmed(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.trim());
      }
    }
    return lines;
  }
}
