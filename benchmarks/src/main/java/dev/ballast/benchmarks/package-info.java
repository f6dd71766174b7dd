/** Ballast benchmarks. */
@NullMarked
package dev.ballast.benchmarks;

import org.jspecify.annotations.NullMarked;
