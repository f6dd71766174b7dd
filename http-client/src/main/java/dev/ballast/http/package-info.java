/** Ballast http-client. */
@NullMarked
package dev.ballast.http;

import org.jspecify.annotations.NullMarked;
