package org.spikezip.report;

import org.spikezip.energy.EnergyReport;
import org.spikezip.energy.LayerTotals;
import org.spikezip.energy.StepPoint;

/**
 * The report's two tables as CSV (comma-separated, header row, {@code \n} line ends, numbers in
 * Java's locale-independent notation): {@code layers.csv}, one row per layer, and
 * {@code per_step.csv}, one row per step cap T with the counts and energy of steps 1..T summed over
 * samples ({@code accuracy} only when labels were given).
 */
public final class ReportCsv {
  private ReportCsv() {}

  public static String layers(EnergyReport r) {
    StringBuilder b = new StringBuilder(
        "name,neurons,spikes_pos,spikes_neg,spikes,firing_rate,cancelled,saturated,acs,macs,updates,energy_pj\n");
    for (LayerTotals l : r.layers()) {
      row(b, l.name(), l.neurons(), l.spikesPos(), l.spikesNeg(), l.spikes(), l.firingRate(), l.cancelled(),
          l.saturated(), l.acs(), l.macs(), l.updates(), l.energyPj());
    }
    return b.toString();
  }

  public static String perStep(EnergyReport r) {
    StringBuilder b = new StringBuilder("t,agreement" + (r.labelled() ? ",accuracy" : "")
        + ",spikes,acs,macs,energy_pj\n");
    double n = r.samples();
    for (StepPoint p : r.curve()) {
      if (r.labelled()) {
        row(b, p.t(), p.agreeing() / n, p.correct() / n, p.spikes(), p.acs(), p.macs(), p.energyPj());
      } else {
        row(b, p.t(), p.agreeing() / n, p.spikes(), p.acs(), p.macs(), p.energyPj());
      }
    }
    return b.toString();
  }

  private static void row(StringBuilder b, Object... cells) {
    for (int i = 0; i < cells.length; i++) {
      b.append(i == 0 ? "" : ",").append(cells[i]);
    }
    b.append('\n');
  }
}
