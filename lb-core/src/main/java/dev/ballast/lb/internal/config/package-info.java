/**
 * Implementation of the properties binder ({@link dev.ballast.lb.ConfigReader}) and of {@link
 * dev.ballast.lb.LbConfig}'s checks. Start at {@code PropertyTable} (the properties, which keys
 * were asked for and which were consumed); bad values go to a {@code ProblemLog}. {@code
 * ValueParsers} parses values, {@code Secrets} masks them, {@code UnknownKeys} and {@code
 * EditDistance} report unread keys with a "did you mean", {@code ProblemLine} and {@code
 * RelativeProblems} turn a builder's relative problems into full-key ones, and {@code
 * LbConfigValidation} holds the range checks of a load-balancer configuration. Not API: everything
 * here may change without notice.
 */
@NullMarked
package dev.ballast.lb.internal.config;

import org.jspecify.annotations.NullMarked;
