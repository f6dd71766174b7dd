package dev.ballast.lb.internal;

import dev.ballast.lb.Endpoint;
import dev.ballast.lb.Outcome;
import dev.ballast.lb.Pick;

/** The "no endpoint" pick: a value carrying its reason, shared and allocated off the pick path. */
public final class NoEndpoint implements Pick {
  private final String reason;

  /** A result explaining why nothing could be picked. */
  public NoEndpoint(String reason) {
    this.reason = reason;
  }

  @Override
  public boolean isPresent() {
    return false;
  }

  @Override
  public Endpoint endpoint() {
    throw new IllegalStateException("no endpoint was picked: " + reason);
  }

  @Override
  public boolean isLocal() {
    return false;
  }

  @Override
  public String reason() {
    return reason;
  }

  @Override
  public void complete(Outcome outcome, long latencyNanos) {}

  @Override
  public String toString() {
    return "NoEndpoint[" + reason + "]";
  }
}
