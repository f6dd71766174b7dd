package dev.ballast.benchmarks.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** What the figures were measured on: CPU, cores, memory, JDK, OS, and how busy the machine was. */
public final class Machine {
  private Machine() {}

  /** A Markdown bullet list describing this machine now. */
  public static String describe() {
    Runtime rt = Runtime.getRuntime();
    StringBuilder sb = new StringBuilder();
    sb.append("- CPU: ").append(cpuModel()).append('\n');
    sb.append("- Cores available to the JVM: ").append(rt.availableProcessors()).append('\n');
    sb.append("- Max heap: ").append(rt.maxMemory() / (1024 * 1024)).append(" MiB\n");
    sb.append("- JDK: ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append('\n');
    sb.append("- OS: ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(" (")
        .append(System.getProperty("os.arch"))
        .append(")\n");
    sb.append("- Load average (1 min) at report time: ")
        .append(
            String.format(
                "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
        .append('\n');
    sb.append("- Written: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
    return sb.toString();
  }

  /** The system's 1-minute load average, or -1 when unknown. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      for (String line : lines) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or not readable: the rest of the description still stands.
    }
    return System.getProperty("os.arch");
  }
}
