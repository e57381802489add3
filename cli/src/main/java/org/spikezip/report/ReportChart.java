package org.spikezip.report;

/** The report's charts: the PNG file each is written to and what it shows. */
public enum ReportChart {
  ACCURACY("accuracy_vs_steps.png", "Accuracy (or agreement with the QANN) of the SNN's answer after each time step"),
  TRADE_OFF("energy_vs_accuracy.png", "Energy per sample spent up to the step cap T against the accuracy at T,"
      + " with the ANN's and QANN's energy per sample (one forward pass each)"),
  FIRING_RATE("firing_rate.png", "Firing rate per layer: spikes per neuron per simulated step"),
  STOP_STEPS("steps_to_quiescence.png", "How many time steps each sample ran until nothing could change any"
      + " more (or until the step cap)");

  private final String fileName;
  private final String caption;

  ReportChart(String fileName, String caption) {
    this.fileName = fileName;
    this.caption = caption;
  }

  public String fileName() {
    return fileName;
  }

  public String caption() {
    return caption;
  }
}
