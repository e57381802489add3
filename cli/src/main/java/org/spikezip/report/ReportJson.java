package org.spikezip.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.spikezip.energy.DenseLayerOps;
import org.spikezip.energy.DenseOpCount;
import org.spikezip.energy.EnergyModel;
import org.spikezip.energy.EnergyReport;
import org.spikezip.energy.LayerTotals;
import org.spikezip.energy.StepPoint;
import org.spikezip.energy.StopStepCount;

/**
 * {@code report.json}: every number of the report, machine-readable. Counts are summed over samples
 * unless a key says {@code per_sample} (a mean over samples where they differ, as sentences of
 * different lengths do; {@code baseline.layers_per_sample} too); energies are in pJ; shares
 * ({@code accuracy}, {@code agreement}, {@code firing_rate}) are fractions, not percentages. Top-level keys:
 * {@code format, settings, energy_model, warnings, totals, baseline, accuracy, steps, layers, per_step}.
 */
public final class ReportJson {
  /** The format's name and version, the first key of the file. */
  public static final String FORMAT = "spikezip-report/1";

  private ReportJson() {}

  public static String of(EnergyReport r, ReportSettings s) {
    JsonObject root = new JsonObject();
    root.addProperty("format", FORMAT);
    root.add("settings", settings(r, s));
    root.add("energy_model", energyModel(r.energyModel()));
    JsonArray warnings = new JsonArray();
    s.warnings().forEach(warnings::add);
    root.add("warnings", warnings);
    JsonObject totals = layer(r.total());
    totals.addProperty("energy_pj_per_sample", r.snnEnergyPj() / r.samples());
    root.add("totals", totals);
    root.add("baseline", baseline(r));
    root.add("accuracy", accuracy(r));
    root.add("steps", steps(r));
    JsonArray layers = new JsonArray();
    r.layers().forEach(l -> layers.add(layer(l)));
    root.add("layers", layers);
    JsonArray perStep = new JsonArray();
    r.curve().forEach(p -> perStep.add(step(p, r)));
    root.add("per_step", perStep);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
  }

  private static JsonObject settings(EnergyReport r, ReportSettings s) {
    JsonObject o = new JsonObject();
    o.addProperty("version", s.version());
    o.addProperty("model", s.model());
    o.addProperty("architecture", s.architecture().kind());
    o.add("config", s.architecture().configJson());
    o.addProperty("level", s.level());
    o.addProperty("weights", s.weights());
    o.addProperty("input", s.input());
    o.addProperty("samples", r.samples());
    o.addProperty("encoding", s.encoding());
    o.addProperty("max_steps", s.maxSteps());
    o.addProperty("threads", s.threads());
    o.addProperty("reference", s.reference());
    return o;
  }

  private static JsonObject energyModel(EnergyModel m) {
    JsonObject o = new JsonObject();
    o.addProperty("name", m.name());
    o.addProperty("e_mac_pj", m.eMacPj());
    o.addProperty("e_ac_pj", m.eAcPj());
    return o;
  }

  /** One layer, or the total, with the keys the issue asks for first. */
  private static JsonObject layer(LayerTotals l) {
    JsonObject o = new JsonObject();
    o.addProperty("name", l.name());
    o.addProperty("spikes_pos", l.spikesPos());
    o.addProperty("spikes_neg", l.spikesNeg());
    o.addProperty("neurons", l.neurons());
    o.addProperty("acs", l.acs());
    o.addProperty("macs", l.macs());
    o.addProperty("spikes", l.spikes());
    o.addProperty("firing_rate", l.firingRate());
    o.addProperty("cancelled", l.cancelled());
    o.addProperty("saturated", l.saturated());
    o.addProperty("updates", l.updates());
    o.addProperty("energy_pj", l.energyPj());
    return o;
  }

  private static JsonObject baseline(EnergyReport r) {
    int n = r.samples();
    DenseOpCount dense = r.denseTotal();
    JsonObject ann = new JsonObject();
    ann.addProperty("macs", dense.annMacs());
    ann.addProperty("macs_per_sample", perSample(dense.annMacs(), n));
    ann.addProperty("energy_pj_per_sample", r.annEnergyPj() / n);
    ann.addProperty("energy_pj", r.annEnergyPj());
    JsonObject qann = new JsonObject();
    qann.addProperty("macs", dense.qannMacs());
    qann.addProperty("macs_per_sample", perSample(dense.qannMacs(), n));
    qann.addProperty("energy_pj_per_sample", r.qannEnergyPj() / n);
    qann.addProperty("energy_pj", r.qannEnergyPj());
    JsonArray layers = new JsonArray();
    for (DenseLayerOps l : dense.layers()) {
      JsonObject o = new JsonObject();
      o.addProperty("name", l.name());
      o.addProperty("ann_macs", perSample(l.annMacs(), n));
      o.addProperty("qann_macs", perSample(l.qannMacs(), n));
      layers.add(o);
    }
    JsonObject o = new JsonObject();
    o.add("ann", ann);
    o.add("qann", qann);
    o.addProperty("snn_over_ann", r.snnEnergyPj() / r.annEnergyPj());
    o.add("layers_per_sample", layers);
    return o;
  }

  /**
   * {@code total / samples}: a whole number where it divides (every ViT image costs the same), else
   * the mean (sentences of different lengths).
   */
  private static Number perSample(long total, int samples) {
    return total % samples == 0 ? (Number) (total / samples) : (Number) (total / (double) samples);
  }

  private static JsonObject accuracy(EnergyReport r) {
    JsonObject o = new JsonObject();
    o.addProperty("snn_agreement_with_qann", r.last().agreeing() / (double) r.samples());
    if (r.labelled()) {
      o.addProperty("snn", r.last().correct() / (double) r.samples());
      o.addProperty("qann", r.qannCorrect() / (double) r.samples());
    }
    return o;
  }

  private static JsonObject steps(EnergyReport r) {
    JsonObject o = new JsonObject();
    o.addProperty("mean", r.meanSteps());
    o.addProperty("max", r.maxSteps());
    o.addProperty("lossy", r.lossy());
    JsonArray distribution = new JsonArray();
    for (StopStepCount c : r.stopSteps()) {
      JsonObject d = new JsonObject();
      d.addProperty("steps", c.steps());
      d.addProperty("quiescent", c.quiescent());
      d.addProperty("capped", c.capped());
      distribution.add(d);
    }
    o.add("distribution", distribution);
    return o;
  }

  private static JsonObject step(StepPoint p, EnergyReport r) {
    JsonObject o = new JsonObject();
    o.addProperty("t", p.t());
    o.addProperty("agreement", p.agreeing() / (double) r.samples());
    if (r.labelled()) {
      o.addProperty("accuracy", p.correct() / (double) r.samples());
    }
    o.addProperty("spikes", p.spikes());
    o.addProperty("acs", p.acs());
    o.addProperty("macs", p.macs());
    o.addProperty("energy_pj", p.energyPj());
    return o;
  }
}
