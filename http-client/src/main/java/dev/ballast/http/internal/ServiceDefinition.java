package dev.ballast.http.internal;

import dev.ballast.http.HttpServiceConfig;
import dev.ballast.lb.EndpointSource;

/**
 * One configured service before the client starts.
 *
 * @param name the logical service name
 * @param source where its endpoints come from
 * @param config its settings
 */
public record ServiceDefinition(String name, EndpointSource source, HttpServiceConfig config) {}
