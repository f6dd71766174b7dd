/** Ballast lb-core. */
@NullMarked
package dev.ballast.lb;

import org.jspecify.annotations.NullMarked;
