package dev.ballast.examples;

/** Entry point of the Ballast demo. */
public final class Demo {
  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param args command-line options
   */
  public static void main(String[] args) {
    System.out.println("Ballast demo: not yet available.");
  }
}
