/** Ballast testkit. */
@NullMarked
package dev.ballast.testkit;

import org.jspecify.annotations.NullMarked;
