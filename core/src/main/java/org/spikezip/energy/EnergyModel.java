package org.spikezip.energy;

/**
 * Energy per operation, in picojoules: {@code E = MACs * eMacPj + ACs * eAcPj}. The default is the
 * 45 nm CMOS figure used across the SNN literature (Horowitz, ISSCC 2014: a 32-bit float
 * multiply-accumulate 4.6 pJ, an add 0.9 pJ).
 *
 * @param name what the figures describe, for the report
 * @param eMacPj energy of one multiply-accumulate, pJ (finite, not negative)
 * @param eAcPj energy of one accumulate (add), pJ (finite, not negative)
 */
public record EnergyModel(String name, double eMacPj, double eAcPj) {
  /** E_MAC of the 45 nm default, pJ. */
  public static final double DEFAULT_MAC_PJ = 4.6;
  /** E_AC of the 45 nm default, pJ. */
  public static final double DEFAULT_AC_PJ = 0.9;
  /** The 45 nm default. */
  public static final EnergyModel DEFAULT = new EnergyModel("45 nm CMOS (Horowitz 2014)", DEFAULT_MAC_PJ,
      DEFAULT_AC_PJ);

  public EnergyModel {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("energy model name must not be blank, got '" + name + "'");
    }
    check("eMacPj", eMacPj);
    check("eAcPj", eAcPj);
  }

  /** The energy of {@code macs} multiply-accumulates and {@code acs} accumulates, pJ. */
  public double energyPj(long macs, long acs) {
    return macs * eMacPj + acs * eAcPj;
  }

  private static void check(String quantity, double pj) {
    if (!(pj >= 0) || Double.isInfinite(pj)) {
      throw new IllegalArgumentException(quantity + " must be finite and not negative, got " + pj);
    }
  }
}
