/**
 * Reliability scenarios: load generators, invariant checkers and the chaos soak runner used by this
 * module's tests and its long-mode command.
 */
@NullMarked
package dev.ballast.reliability;

import org.jspecify.annotations.NullMarked;
