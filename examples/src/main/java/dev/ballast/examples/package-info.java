/** Ballast examples. */
@NullMarked
package dev.ballast.examples;

import org.jspecify.annotations.NullMarked;
