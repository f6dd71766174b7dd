/**
 * Implementation of the testkit's HTTP instance farm: {@link
 * dev.ballast.testkit.internal.http.FarmDeclaration} (what a builder declared, checked), {@link
 * dev.ballast.testkit.internal.http.FarmInstances} (a farm's instances together), {@link
 * dev.ballast.testkit.internal.http.NettyHttpInstance} (one server, its faults and counters) with
 * its {@link dev.ballast.testkit.internal.http.InstanceListener} (server socket and connections),
 * the per-connection {@link dev.ballast.testkit.internal.http.InstanceChannelHandler}, and {@link
 * dev.ballast.testkit.internal.http.FarmEventLoop} (the event loop group shared by a farm). Not
 * API: use {@link dev.ballast.testkit.HttpInstanceFarm}.
 */
@NullMarked
package dev.ballast.testkit.internal.http;

import org.jspecify.annotations.NullMarked;
