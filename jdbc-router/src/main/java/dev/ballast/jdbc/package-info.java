/** Ballast jdbc-router. */
@NullMarked
package dev.ballast.jdbc;

import org.jspecify.annotations.NullMarked;
