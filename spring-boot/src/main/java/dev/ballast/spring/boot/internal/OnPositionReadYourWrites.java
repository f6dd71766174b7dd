package dev.ballast.spring.boot.internal;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Matches when {@code ballast.jdbc.read-your-writes} names a commit position, {@code lsn} (the
 * engine's position on either engine) or {@code gtid} (MariaDB/MySQL): the modes whose tokens the
 * consistency filters carry between instances. {@code window} has no position to carry.
 */
public final class OnPositionReadYourWrites extends AnyNestedCondition {
  OnPositionReadYourWrites() {
    super(ConfigurationPhase.REGISTER_BEAN);
  }

  @ConditionalOnProperty(name = "ballast.jdbc.read-your-writes", havingValue = "lsn")
  static final class Lsn {}

  @ConditionalOnProperty(name = "ballast.jdbc.read-your-writes", havingValue = "gtid")
  static final class Gtid {}
}
