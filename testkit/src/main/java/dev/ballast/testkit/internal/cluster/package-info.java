/**
 * What the PostgreSQL and MariaDB clusters of testkit have in common: the node layout a builder
 * configures ({@link dev.ballast.testkit.internal.cluster.NodeLayout}) and the lifecycle of a
 * cluster shared by the tests of a class ({@link
 * dev.ballast.testkit.internal.cluster.SharedCluster}). Not API, may change without notice.
 */
@NullMarked
package dev.ballast.testkit.internal.cluster;

import org.jspecify.annotations.NullMarked;
