package org.spikezip.report;

import java.util.Locale;

/** A unit for showing an energy given in picojoules: the largest unit in which it is at least 1. */
public enum EnergyUnit {
  PJ("pJ", 1),
  NJ("nJ", 1e3),
  UJ("µJ", 1e6),
  MJ("mJ", 1e9),
  J("J", 1e12);

  private final String symbol;
  private final double pj;

  EnergyUnit(String symbol, double pj) {
    this.symbol = symbol;
    this.pj = pj;
  }

  /** The unit for {@code energyPj}: pJ below 1 nJ, nJ below 1 µJ, and so on. */
  public static EnergyUnit of(double energyPj) {
    EnergyUnit unit = PJ;
    for (EnergyUnit u : values()) {
      if (Math.abs(energyPj) >= u.pj) {
        unit = u;
      }
    }
    return unit;
  }

  public String symbol() {
    return symbol;
  }

  /** {@code energyPj} in this unit. */
  public double value(double energyPj) {
    return energyPj / pj;
  }

  /** {@code energyPj} with three significant digits in its own unit, e.g. {@code 3.91 µJ}. */
  public static String format(double energyPj) {
    EnergyUnit u = of(energyPj);
    return String.format(Locale.ROOT, "%.3g %s", u.value(energyPj), u.symbol);
  }
}
