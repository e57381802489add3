package org.spikezip.report;

import com.google.gson.JsonObject;

/**
 * What a report says about the simulated model's architecture: its configuration, as JSON under
 * {@code settings.config} with its kind under {@code settings.architecture}, and the simulator's
 * counting rules with this model's numbers put in, as an HTML table.
 */
public sealed interface ReportedArchitecture permits VitArchitecture, EncoderArchitecture {
  /** {@code vit} or {@code encoder}. */
  String kind();

  /** The configuration, with the keys of its config file. */
  JsonObject configJson();

  /** The counting rules per layer, with this model's numbers (HTML: a table and a note). */
  String countingRulesHtml();
}
