/**
 * Implementation of the properties binder ({@link dev.ballast.lb.ConfigReader}): value parsers,
 * secret masking, "did you mean" suggestions and problem-line parsing. Not API: everything here may
 * change without notice.
 */
@NullMarked
package dev.ballast.lb.internal.config;

import org.jspecify.annotations.NullMarked;
