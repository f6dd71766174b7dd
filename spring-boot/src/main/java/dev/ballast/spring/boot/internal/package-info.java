/** Implementation of the starter; not a public API. */
@NullMarked
package dev.ballast.spring.boot.internal;

import org.jspecify.annotations.NullMarked;
