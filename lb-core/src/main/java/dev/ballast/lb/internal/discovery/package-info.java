/**
 * Implementation behind {@link dev.ballast.lb.DiscoveredEndpointSource}: what one report of a
 * discovery holds and when it is a change. Not API: everything here may change without notice.
 */
@NullMarked
package dev.ballast.lb.internal.discovery;

import org.jspecify.annotations.NullMarked;
