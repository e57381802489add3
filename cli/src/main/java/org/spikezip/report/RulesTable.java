package org.spikezip.report;

/**
 * The frame of the counting-rules table (SPEC §6; README, "What is counted"): per layer, the
 * accumulates one spike drives and the multiply-accumulates of the operator feeding the layer that
 * spikes do not drive, then a note that gives the symbols' values. Each {@link ReportedArchitecture}
 * fills in its own rows.
 */
final class RulesTable {
  private final StringBuilder b = new StringBuilder("<table class=\"rules\">\n<tr><th>layer (quantizer)</th>"
      + "<th>ACs per spike (fan-out)</th><th>MACs (not spike-driven)</th></tr>\n");

  /** A row; the texts are HTML. */
  RulesTable row(String layer, String acs, String macs) {
    b.append("<tr><td><code>").append(layer).append("</code></td><td>").append(acs).append("</td><td>")
        .append(macs).append("</td></tr>\n");
    return this;
  }

  /** The table and, below it, {@code note} (HTML). */
  String html(String note) {
    return b + "</table>\n<p class=\"note\">" + note + "</p>\n";
  }
}
