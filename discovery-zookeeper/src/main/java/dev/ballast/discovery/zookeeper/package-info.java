/**
 * Endpoints of a service from ZooKeeper: {@code discovery=zookeeper}. Start with {@link
 * dev.ballast.discovery.zookeeper.ZooKeeperSourceProvider}.
 */
@NullMarked
package dev.ballast.discovery.zookeeper;

import org.jspecify.annotations.NullMarked;
