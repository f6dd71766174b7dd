package dev.ballast.jdbc;

import static dev.ballast.jdbc.RouterTestSupport.nodeName;
import static dev.ballast.jdbc.RouterTestSupport.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.testkit.PostgresCluster;
import dev.ballast.testkit.PostgresClusterExtension;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hibernate (through JPA and Spring's transaction manager) and jOOQ route by the transaction's
 * read-only flag with no annotation or API of Ballast's: the lazy connection binds to a host only
 * at its first statement, after the framework has called {@code setReadOnly}.
 */
class FrameworkRoutingTest {
  @RegisterExtension
  static final PostgresClusterExtension pg =
      PostgresClusterExtension.builder().replicas(2).zones("a", "a", "b").build();

  private static final String PORT = "SELECT inet_server_port()";

  @Test
  void hibernateReadOnlyTransactionsGoToAReplicaAndReadWriteOnesToThePrimary(
      PostgresCluster cluster) {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster));
        SessionFactory sessionFactory = hibernate(ds)) {
      JpaTransactionManager tm = new JpaTransactionManager(sessionFactory);
      // as Spring's HibernateJpaVendorAdapter sets it up: the dialect hands the read-only flag on
      // to the JDBC connection
      tm.setJpaDialect(new HibernateJpaDialect());
      EntityManager em = SharedEntityManagerCreator.createSharedEntityManager(sessionFactory);
      TransactionTemplate readOnly = new TransactionTemplate(tm);
      readOnly.setReadOnly(true);
      TransactionTemplate readWrite = new TransactionTemplate(tm);

      Integer readPort =
          readOnly.execute(s -> (Integer) em.createNativeQuery(PORT).getSingleResult());
      Integer writePort =
          readWrite.execute(s -> (Integer) em.createNativeQuery(PORT).getSingleResult());

      assertThat(nodeName(cluster, readPort)).isEqualTo("r1");
      assertThat(nodeName(cluster, writePort)).isEqualTo("primary");
    }
  }

  @Test
  void jooqRoutesBySpringsReadOnlyTransactionsAndByTheConnectionsFlag(PostgresCluster cluster)
      throws Exception {
    try (RoutingDataSource ds = RoutingDataSource.fromProperties(properties(cluster))) {
      DataSourceTransactionManager tm = new DataSourceTransactionManager(ds);
      DSLContext jooq = DSL.using(new TransactionAwareDataSourceProxy(ds), SQLDialect.POSTGRES);
      TransactionTemplate readOnly = new TransactionTemplate(tm);
      readOnly.setReadOnly(true);
      TransactionTemplate readWrite = new TransactionTemplate(tm);

      Integer readPort = readOnly.execute(s -> port(jooq));
      Integer writePort = readWrite.execute(s -> port(jooq));
      assertThat(nodeName(cluster, readPort)).isEqualTo("r1");
      assertThat(nodeName(cluster, writePort)).isEqualTo("primary");
      // outside any transaction: read-write, the primary
      assertThat(nodeName(cluster, port(DSL.using(ds, SQLDialect.POSTGRES)))).isEqualTo("primary");

      // without Spring: jOOQ over a connection the caller made read-only
      try (Connection c = ds.getConnection()) {
        c.setReadOnly(true);
        assertThat(nodeName(cluster, port(DSL.using(c, SQLDialect.POSTGRES)))).isEqualTo("r1");
      }
    }
  }

  private static int port(DSLContext jooq) {
    Integer port = jooq.fetchValue(DSL.field("inet_server_port()", Integer.class));
    assertThat(port).isNotNull();
    return port;
  }

  /** Hibernate over {@code ds}, no entities, connections held for the session as Spring does. */
  private static SessionFactory hibernate(RoutingDataSource ds) {
    Configuration config = new Configuration();
    config.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
    config.setProperty(AvailableSettings.CONNECTION_HANDLING, "DELAYED_ACQUISITION_AND_HOLD");
    config.setProperty(AvailableSettings.HBM2DDL_AUTO, "none");
    return config.buildSessionFactory();
  }
}
