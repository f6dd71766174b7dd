/**
 * The terminal side of the demo: {@link dev.ballast.examples.internal.view.LiveView} redraws each
 * act in place with ANSI escapes, {@link dev.ballast.examples.internal.view.PlainView} prints plain
 * lines when the output is not a terminal; {@link dev.ballast.examples.internal.view.Views} picks
 * one.
 */
@NullMarked
package dev.ballast.examples.internal.view;

import org.jspecify.annotations.NullMarked;
