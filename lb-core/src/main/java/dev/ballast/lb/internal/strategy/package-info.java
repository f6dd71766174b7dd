/**
 * The built-in balancing strategies: each turns one immutable group of endpoints into a {@link
 * dev.ballast.lb.internal.ChildPicker} whose {@code pick} takes no lock and allocates nothing.
 *
 * <p>Start at {@link dev.ballast.lb.internal.strategy.Strategies}, which maps each {@link
 * dev.ballast.lb.Strategy} to its factory. Round robin, weighted round robin, weighted random and
 * ring hash each live in one picker class; least-request and peak-EWMA share the
 * power-of-two-choices rule ({@code PowerOfTwoChoicesPicker}) and differ only in their load metric,
 * as in Finagle. Pickers neither acquire the chosen endpoint nor honour exclusions: the caller does
 * both.
 */
@NullMarked
package dev.ballast.lb.internal.strategy;

import org.jspecify.annotations.NullMarked;
