package dev.ballast.http.internal;

import dev.ballast.http.ServiceRequest;
import dev.ballast.lb.Endpoint;
import java.util.Collection;
import java.util.List;

/**
 * The text of the client's failures: a first line naming the request and the service, one line per
 * attempt (endpoint, zone, why it failed), why the client stopped, and the load balancer's view of
 * every endpoint. Users read these without a debugger, and tests assert them: they are API.
 */
final class FailureMessages {
  private FailureMessages() {}

  /** {@code attempt 2 (hedge): 127.0.0.1:8080 (zone a): connection refused}. */
  static String attemptLine(Attempt a, String detail) {
    Endpoint e = a.endpoint();
    return "attempt "
        + a.number()
        + (a.isHedge() ? " (hedge)" : "")
        + ": "
        + e.id()
        + (e.zone().isEmpty() ? "" : " (zone " + e.zone() + ")")
        + ": "
        + detail;
  }

  /** The message of a call that made attempts and obtained no response. */
  static String noResponse(
      ServiceRequest request,
      String service,
      int attempts,
      List<String> attemptLines,
      String stopReason,
      String balancer) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(request.method())
        .append(' ')
        .append(request.path())
        .append(" on service '")
        .append(service)
        .append("' failed: no response after ")
        .append(attempts)
        .append(attempts == 1 ? " attempt" : " attempts");
    for (String l : attemptLines) {
      sb.append("\n  ").append(l);
    }
    return sb.append("\n  ")
        .append(stopReason)
        .append("\n  balancer: ")
        .append(balancer)
        .toString();
  }

  /** The message of a call still running when the client closed (after any drain). */
  static String closedBeforeResponse(
      ServiceRequest request, String service, List<String> attemptLines, String why) {
    StringBuilder sb = new StringBuilder(160);
    sb.append(request.method())
        .append(' ')
        .append(request.path())
        .append(" on service '")
        .append(service)
        .append("' failed: client closed before the response arrived (")
        .append(why)
        .append(')');
    for (String l : attemptLines) {
      sb.append("\n  ").append(l);
    }
    return sb.toString();
  }

  /** The message of a call whose first pick found no endpoint. */
  static String noEndpoint(ServiceRequest request, String service, String reason, String balancer) {
    return request.method()
        + " "
        + request.path()
        + " on service '"
        + service
        + "' failed: no endpoint available ("
        + reason
        + ")\n  balancer: "
        + balancer;
  }

  /** The message of a call refused because the client is closing; {@code services} are its own. */
  static String rejectedClosed(ServiceRequest request, Collection<String> services) {
    return request.method()
        + " "
        + request.path()
        + " on service '"
        + request.service()
        + "' rejected: client closed (BallastHttpClient"
        + services
        + " accepts no new calls once close() has begun)";
  }
}
