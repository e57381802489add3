package org.spikezip.report;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.spikezip.energy.DenseLayerOps;
import org.spikezip.energy.EnergyModel;
import org.spikezip.energy.EnergyReport;
import org.spikezip.energy.LayerTotals;

/**
 * {@code report.html}: one self-contained page (no external files; the charts are embedded as
 * base64 {@code data:} URIs) with a summary table, the charts, the per-layer table, the counting
 * rules and the run's settings.
 */
public final class ReportHtml {
  private static final String STYLE = "body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
      + "color:#222;line-height:1.45}h1{margin-bottom:0.2em}.sub{color:#555;margin-top:0}"
      + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px}"
      + "th{background:#f2f2f2;text-align:left}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
      + "table.summary td:first-child{font-weight:bold}figure{margin:1.5em 0}img{max-width:100%;"
      + "border:1px solid #ddd}figcaption{color:#555}.warn{background:#fff3cd;border:1px solid #e0c060;"
      + "padding:0.6em 1em}.note{color:#555}code{font-size:0.95em}";

  private ReportHtml() {}

  public static String of(EnergyReport r, ReportSettings s, Map<ReportChart, byte[]> charts) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>spikezip spike and"
        + " energy report</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    b.append("<h1>Spike and energy report</h1>\n<p class=\"sub\">").append(escape(s.model())).append(", level ")
        .append(s.level()).append(", ").append(r.samples()).append(" samples of <code>").append(escape(s.input()))
        .append("</code>, ").append(escape(s.encoding())).append(" encoding</p>\n");
    for (String w : s.warnings()) {
      b.append("<p class=\"warn\">Warning: ").append(escape(w)).append("</p>\n");
    }
    summary(b, r);
    b.append("<h2>Charts</h2>\n");
    for (ReportChart c : ReportChart.values()) {
      b.append("<figure><img alt=\"").append(escape(c.caption())).append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(charts.get(c))).append("\"><figcaption>")
          .append(escape(c.caption())).append("</figcaption></figure>\n");
    }
    layers(b, r);
    rules(b, r, s);
    settings(b, r, s);
    b.append("<p class=\"note\">Made by spikezip ").append(escape(s.version())).append(". The same numbers, and"
        + " more, are in <code>report.json</code>, <code>layers.csv</code> and <code>per_step.csv</code>.</p>\n");
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  private static void summary(StringBuilder b, EnergyReport r) {
    LayerTotals t = r.total();
    int n = r.samples();
    b.append("<h2>Summary</h2>\n<table class=\"summary\">\n");
    row(b, "samples", Integer.toString(n));
    row(b, "time steps to quiescence", String.format(Locale.ROOT, "mean %.2f, max %d", r.meanSteps(),
        r.maxSteps()) + (r.lossy() > 0 ? ", " + r.lossy() + " samples hit the step cap (lossy)" : ", every sample quiet"));
    if (r.labelled()) {
      row(b, "accuracy", percent(r.last().correct(), n) + " (SNN), " + percent(r.qannCorrect(), n) + " (QANN)");
    }
    row(b, "SNN prediction = QANN prediction", percent(r.last().agreeing(), n));
    row(b, "spikes", String.format(Locale.ROOT, "%,d (%,.0f per sample; %,d positive, %,d negative)", t.spikes(),
        t.spikes() / (double) n, t.spikesPos(), t.spikesNeg()));
    row(b, "firing rate", String.format(Locale.ROOT, "%.4f spikes per neuron per step", t.firingRate()));
    row(b, "cancelled spikes", String.format(Locale.ROOT, "%,d (%.1f %% of spikes)", t.cancelled(),
        share(t.cancelled(), t.spikes())));
    long codes = r.denseTotal().layers().stream().mapToLong(DenseLayerOps::neurons).sum();
    row(b, "saturated codes", String.format(Locale.ROOT, "%,d (%.2f %% of neuron codes)", t.saturated(),
        share(t.saturated(), codes)));
    row(b, "accumulates (AC) per sample", String.format(Locale.ROOT, "%,.0f", t.acs() / (double) n));
    row(b, "multiply-accumulates (MAC) per sample", String.format(Locale.ROOT, "%,.0f SNN; %,.0f ANN; %,.0f QANN",
        t.macs() / (double) n, r.annMacsPerSample(), r.qannMacsPerSample()));
    row(b, "energy per sample, SNN", EnergyUnit.format(r.snnEnergyPj() / n));
    row(b, "energy per sample, ANN (all MACs)", EnergyUnit.format(r.annEnergyPj() / n));
    row(b, "energy per sample, QANN", EnergyUnit.format(r.qannEnergyPj() / n));
    row(b, "SNN / ANN energy", String.format(Locale.ROOT, "%.3f", r.snnEnergyPj() / r.annEnergyPj()));
    b.append("</table>\n");
  }

  private static void layers(StringBuilder b, EnergyReport r) {
    b.append("<h2>Layers</h2>\n<p class=\"note\">Summed over samples. ACs are on the layer whose spikes drive"
        + " them, MACs on the layer whose input they compute.</p>\n<table>\n<tr><th>layer</th><th>neurons</th>"
        + "<th>+1 spikes</th><th>−1 spikes</th><th>firing rate</th><th>cancelled</th><th>saturated</th>"
        + "<th>ACs</th><th>MACs</th><th>energy</th><th>share</th></tr>\n");
    double total = r.snnEnergyPj();
    for (LayerTotals l : r.layers()) {
      b.append("<tr><td><code>").append(escape(l.name())).append("</code></td>");
      cells(b, String.format(Locale.ROOT, "%,d", l.neurons()), String.format(Locale.ROOT, "%,d", l.spikesPos()),
          String.format(Locale.ROOT, "%,d", l.spikesNeg()), String.format(Locale.ROOT, "%.4f", l.firingRate()),
          String.format(Locale.ROOT, "%,d", l.cancelled()), String.format(Locale.ROOT, "%,d", l.saturated()),
          String.format(Locale.ROOT, "%,d", l.acs()), String.format(Locale.ROOT, "%,d", l.macs()),
          EnergyUnit.format(l.energyPj()), String.format(Locale.ROOT, "%.1f %%", share(l.energyPj(), total)));
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  private static void rules(StringBuilder b, EnergyReport r, ReportSettings s) {
    EnergyModel e = r.energyModel();
    b.append("<h2>How it is counted</h2>\n<p>Every number is counted from the simulation's real events, step by"
        + " step, not estimated from firing rates. An <b>accumulate (AC)</b> is one addition a spike causes:"
        + " one per spike per fan-out. A <b>multiply-accumulate (MAC)</b> is work no spike drives: the first"
        + " layer on the analog input (a ViT's patch convolution, an encoder's embedding LayerNorm), LayerNorm"
        + " and softmax rows recomputed when their input changed, and rescaling an accumulated integer sum into"
        + " a value.</p>\n");
    b.append(s.architecture().countingRulesHtml());
    b.append(String.format(Locale.ROOT, "<p><b>Energy</b> = MACs × %s pJ + ACs × %s pJ (%s). The <b>ANN</b>"
        + " baseline is the same model run conventionally, every operation a MAC (products, LayerNorm 4·d per"
        + " row, softmax 3·n per row, residual and embedding adds); the <b>QANN</b> adds one operation per"
        + " quantized value.</p>\n", number(e.eMacPj()), number(e.eAcPj()), escape(e.name())));
    b.append("<p><b>Firing rate</b>: spikes ÷ (neurons × steps simulated). <b>Cancelled spikes</b>: per neuron,"
        + " positive plus negative spikes minus |final count| (spikes a later spike of the other sign undid)."
        + " <b>Saturated codes</b>: neurons whose final count sits at the quantizer's upper bound, or at its"
        + " lower bound when that is negative. <b>Step cap T</b>: the simulation is causal, so the counts and"
        + " answers after step T are exactly those of a run stopped at T; the trade-off chart sums steps"
        + " 1..T over samples.</p>\n");
  }

  private static void settings(StringBuilder b, EnergyReport r, ReportSettings s) {
    b.append("<h2>Settings</h2>\n<table class=\"summary\">\n");
    row(b, "model", escape(s.model()));
    row(b, "level L", Integer.toString(s.level()));
    row(b, "weights", escape(s.weights()));
    row(b, "input", "<code>" + escape(s.input()) + "</code>");
    row(b, "encoding", escape(s.encoding()));
    row(b, "step cap", Integer.toString(s.maxSteps()));
    row(b, "threads", s.threads() + " (the counts do not depend on it)");
    row(b, "accuracy measured against", escape(s.reference()));
    row(b, "energy model", escape(r.energyModel().name()) + ": E_MAC " + number(r.energyModel().eMacPj())
        + " pJ, E_AC " + number(r.energyModel().eAcPj()) + " pJ");
    b.append("</table>\n");
  }

  private static void row(StringBuilder b, String name, String valueHtml) {
    b.append("<tr><td>").append(name).append("</td><td>").append(valueHtml).append("</td></tr>\n");
  }

  private static void cells(StringBuilder b, String... values) {
    for (String v : values) {
      b.append("<td class=\"num\">").append(v).append("</td>");
    }
  }

  private static String percent(int part, int whole) {
    return String.format(Locale.ROOT, "%.2f %%", 100.0 * part / whole);
  }

  private static double share(double part, double whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  private static String number(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  /** Text for HTML element content and attribute values. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
