package dev.ballast.lb.internal.strategy;

import dev.ballast.lb.PickContext;
import dev.ballast.lb.RandomSource;
import dev.ballast.lb.internal.ChildPicker;
import dev.ballast.lb.internal.EndpointState;

/**
 * {@code random}: each pick chooses endpoint {@code i} with probability {@code weight[i] / Σ
 * weight}, independently of earlier picks. Thread-safe; O(1) per pick with one random draw and no
 * shared writes (so, unlike the rotating pickers, no contended counter).
 *
 * <p>Uses Walker's alias method (Vose's construction): {@code n} columns of equal probability, each
 * split between its own endpoint and one alias. The draw's integer part picks the column, its
 * fractional part decides between the two.
 */
final class WeightedRandomPicker implements ChildPicker {
  private final EndpointState[] endpoints;

  /** Chance that column i yields endpoint i rather than {@code alias[i]}. */
  private final double[] keep;

  private final int[] alias;
  private final RandomSource random;

  WeightedRandomPicker(EndpointState[] endpoints, double[] weights, RandomSource random) {
    int n = endpoints.length;
    this.endpoints = endpoints;
    this.random = random;
    this.keep = new double[n];
    this.alias = new int[n];

    double total = 0;
    for (double w : weights) {
      total += w;
    }
    // Columns with less than the average mass borrow from columns with more.
    double[] mass = new double[n];
    int[] light = new int[n];
    int[] heavy = new int[n];
    int lightCount = 0;
    int heavyCount = 0;
    for (int i = 0; i < n; i++) {
      mass[i] = weights[i] * n / total;
      alias[i] = i;
      if (mass[i] < 1.0) {
        light[lightCount++] = i;
      } else {
        heavy[heavyCount++] = i;
      }
    }
    while (lightCount > 0 && heavyCount > 0) {
      int l = light[--lightCount];
      int h = heavy[heavyCount - 1];
      keep[l] = mass[l];
      alias[l] = h;
      mass[h] -= 1.0 - mass[l];
      if (mass[h] < 1.0) {
        heavyCount--;
        light[lightCount++] = h;
      }
    }
    // Whatever is left is full up to rounding error.
    while (heavyCount > 0) {
      keep[heavy[--heavyCount]] = 1.0;
    }
    while (lightCount > 0) {
      keep[light[--lightCount]] = 1.0;
    }
  }

  @Override
  public EndpointState pick(PickContext context) {
    int n = endpoints.length;
    double x = random.nextDouble() * n;
    // nextDouble() < 1, but the product can round up to n.
    int column = Math.min((int) x, n - 1);
    return x - column < keep[column] ? endpoints[column] : endpoints[alias[column]];
  }
}
