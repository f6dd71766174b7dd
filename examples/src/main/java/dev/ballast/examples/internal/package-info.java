/**
 * The demo's machinery, not an API: the infrastructure it starts ({@link
 * dev.ballast.examples.internal.Stage}), the traffic it drives ({@link
 * dev.ballast.examples.internal.HttpLoad}, {@link dev.ballast.examples.internal.DbLoad}), what it
 * measures ({@link dev.ballast.examples.internal.HttpStats}, {@link
 * dev.ballast.examples.internal.DbStats}) and the acts that script the story ({@link
 * dev.ballast.examples.internal.Act}, played by {@link dev.ballast.examples.internal.ActRunner}).
 */
@NullMarked
package dev.ballast.examples.internal;

import org.jspecify.annotations.NullMarked;
