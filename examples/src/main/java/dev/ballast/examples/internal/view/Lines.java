package dev.ballast.examples.internal.view;

import dev.ballast.examples.ActResult;
import dev.ballast.examples.DatabaseResult;
import dev.ballast.examples.internal.Event;
import dev.ballast.examples.internal.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lines both views print: tables of a frame, an event, an act's result. Stateless. */
final class Lines {

  private static final int SHARE_BAR = 20;
  private static final int DB_BAR = 12;

  private Lines() {}

  static String event(Event e, Style s) {
    String time = String.format(Locale.ROOT, "%5.1f s", e.seconds());
    return e.kind() == Event.Kind.STEP
        ? "  " + s.dim(time) + "  " + s.yellow(s.step() + " " + e.text())
        : "  " + s.dim(time) + "  " + s.cyan(s.reaction() + " " + e.text());
  }

  static List<String> instances(Frame f, Style s) {
    List<String> out = new ArrayList<>();
    out.add(
        s.dim(
            "  instance zone state       fault       share of the last second   calls/s  5xx"
                + "       p99"));
    for (Frame.InstanceRow r : f.instances()) {
      String id = Text.pad(r.id(), 8);
      out.add(
          "  "
              + (r.local() ? s.bold(id) : id)
              + " "
              + Text.pad(r.zone(), 4)
              + " "
              + s.state(r.state())
              + " ".repeat(Math.max(0, 11 - r.state().length()))
              + " "
              + (r.fault().isEmpty() ? " ".repeat(11) : s.red(Text.pad(r.fault(), 11)))
              + " "
              + s.zone(r.zone(), Text.bar(r.share(), SHARE_BAR, s.unicode()))
              + " "
              + Text.padLeft(Text.percent(r.share()), 6)
              + " "
              + Text.padLeft(String.format(Locale.ROOT, "%.0f", r.rate()), 8)
              + " "
              + Text.padLeft(String.valueOf(r.errors()), 4)
              + " "
              + Text.padLeft(Text.millis(r.p99Millis()), 9));
    }
    StringBuilder zones = new StringBuilder("  zones   ");
    for (Map.Entry<String, Double> z : f.zoneShares().entrySet()) {
      String text = z.getKey() + " " + Text.padLeft(Text.percentRounded(z.getValue()), 4);
      zones.append(z.getKey().equals(f.localZone()) ? s.bold(s.zone(z.getKey(), text)) : text);
      zones.append("   ");
    }
    out.add(zones.toString());
    out.add(
        "  act so far: "
            + Text.count(f.calls())
            + " calls, "
            + failed(f.failures(), s)
            + ", "
            + Text.count(f.retries())
            + " retried attempts, p99 "
            + Text.millis(f.p99Millis())
            + String.format(Locale.ROOT, "   (%.0f calls/s)", f.rate()));
    return out;
  }

  static List<String> nodes(Frame f, Style s) {
    List<String> out = new ArrayList<>();
    out.add(
        s.dim(
            "  node     zone role     fault          reads, last second    writes, last second"
                + "        lag"));
    for (Frame.NodeRow r : f.nodes()) {
      out.add(
          "  "
              + Text.pad(r.name(), 8)
              + " "
              + Text.pad(r.zone(), 4)
              + " "
              + s.state(r.role())
              + " ".repeat(Math.max(0, 8 - r.role().length()))
              + " "
              + (r.fault().isEmpty() ? " ".repeat(14) : s.red(Text.pad(r.fault(), 14)))
              + " "
              + s.zone(r.zone(), Text.bar(r.readShare(), DB_BAR, s.unicode()))
              + " "
              + Text.padLeft(Text.percentRounded(r.readShare()), 4)
              + "    "
              + s.zone(r.zone(), Text.bar(r.writeShare(), DB_BAR, s.unicode()))
              + " "
              + Text.padLeft(Text.percentRounded(r.writeShare()), 4)
              + "   "
              + Text.padLeft(Text.seconds(r.lagSeconds()), 8));
    }
    Frame.DbLine db = f.db();
    if (db != null) {
      out.add(
          "  act so far: "
              + Text.count(db.reads())
              + " reads, "
              + Text.count(db.writes())
              + " writes; read-your-writes: "
              + Text.count(db.checks())
              + " checks, "
              + (db.stale() == 0 ? s.green("0 stale") : s.red(db.stale() + " stale"))
              + "; failed: "
              + db.readFailures()
              + " reads, "
              + db.writeFailures()
              + " writes");
      if (db.newPrimary() != null) {
        out.add(
            "  failover: "
                + db.newPrimary()
                + " promoted; first write on it after "
                + Text.seconds(db.failoverSeconds())
                + "; "
                + Text.count(db.writesOnNewPrimary())
                + " writes on it so far");
      }
    }
    return out;
  }

  static String result(ActResult r, Style s) {
    String head = "  " + s.green(s.check()) + " act " + r.number() + " done: ";
    if (r.database().isPresent()) {
      DatabaseResult db = r.database().get();
      return head
          + "reads "
          + perNode(db.readsByNode())
          + "; writes "
          + perNode(db.writesByNode())
          + "; "
          + db.staleReads()
          + " stale of "
          + Text.count(db.readYourWritesChecks())
          + " read-your-writes checks"
          + db.newPrimary()
              .map(
                  p ->
                      "; "
                          + Text.count(db.writesOnNewPrimary())
                          + " writes on "
                          + p
                          + (db.failoverTime().isPresent()
                              ? ", failover "
                                  + Text.seconds(db.failoverTime().get().toNanos() / 1e9)
                              : ""))
              .orElse("");
    }
    return head
        + Text.count(r.calls())
        + " calls, "
        + failed(r.failures(), s)
        + ", "
        + Text.count(r.retries())
        + " retried attempts, p99 "
        + Text.millis(r.p99Millis())
        + ", local zone "
        + Text.percent(r.localShare());
  }

  private static String perNode(Map<String, Long> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach(
        (node, n) -> {
          if (sb.length() > 0) {
            sb.append(" / ");
          }
          sb.append(node).append(' ').append(Text.count(n));
        });
    return sb.toString();
  }

  private static String failed(long failures, Style s) {
    return failures == 0 ? s.green("0 failed") : s.red(Text.count(failures) + " failed");
  }

  /** A one-line status for the plain view. */
  static String status(Frame f) {
    StringBuilder sb =
        new StringBuilder(String.format(Locale.ROOT, "  [%5.1f s] ", f.elapsedSeconds()));
    Frame.DbLine db = f.db();
    if (db == null) {
      sb.append(String.format(Locale.ROOT, "%.0f calls/s", f.rate()));
      for (Frame.InstanceRow r : f.instances()) {
        sb.append("  ").append(r.id()).append(' ').append(Text.percentRounded(r.share()));
        if (!r.state().equals("healthy")) {
          sb.append(" (").append(r.state()).append(')');
        }
      }
      sb.append("  | failed ").append(f.failures()).append(", retried ").append(f.retries());
    } else {
      sb.append("reads");
      for (Frame.NodeRow r : f.nodes()) {
        sb.append(' ').append(r.name()).append(' ').append(Text.percentRounded(r.readShare()));
      }
      sb.append("  writes");
      for (Frame.NodeRow r : f.nodes()) {
        sb.append(' ').append(r.name()).append(' ').append(Text.percentRounded(r.writeShare()));
      }
      sb.append("  | stale ").append(db.stale()).append(" of ").append(db.checks());
      sb.append(", failed writes ").append(db.writeFailures());
    }
    return sb.toString();
  }
}
