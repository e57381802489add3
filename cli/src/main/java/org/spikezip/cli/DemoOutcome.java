package org.spikezip.cli;

import com.google.gson.GsonBuilder;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.spikezip.energy.EnergyReport;
import org.spikezip.error.InvalidInputException;
import org.spikezip.io.AtomicFiles;
import org.spikezip.report.EnergyUnit;

/**
 * What a demo run measured, whatever the task: written as {@code summary.json} (the same keys for
 * images and sentences) and printed as the demo's table.
 *
 * @param annTop1 the float ANN's accuracy (DJL) on the test set
 * @param qatTop1 the QANN's accuracy as DJL's fake quantization measured it after QAT
 * @param level quantization levels L
 * @param run the exact QANN and the SNN over the test set
 * @param energy the SNN's and ANN's energy over the test set
 * @param seconds wall time per stage, in order, with {@code total} last
 * @param unit what a test example is ("images", "sentences")
 */
record DemoOutcome(double annTop1, double qatTop1, int level, DatasetRun run, EnergyReport energy,
    Map<String, Double> seconds, String unit) {

  void writeSummary(Path out) throws InvalidInputException {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("ann_top1", annTop1);
    s.put("qann_top1", run.qannTop1());
    s.put("snn_top1", run.curve().finalAccuracy());
    s.put("snn_qann_agreement", run.curve().finalAgreement());
    s.put("steps_mean", run.meanSteps());
    s.put("steps_max", run.maxSteps());
    s.put("test_images", run.samples());
    s.put("lossy_samples", run.lossy());
    Map<String, Double> at = new LinkedHashMap<>();
    for (int t = 1; t <= run.curve().steps(); t++) {
      at.put(Integer.toString(t), run.curve().accuracyAt(t));
    }
    s.put("snn_top1_at_step", at);
    s.put("seconds", seconds);
    String json = new GsonBuilder().setPrettyPrinting().create().toJson(s) + "\n";
    OutputFile.write(out.resolve("summary.json"), p -> AtomicFiles.write(p, json.getBytes(StandardCharsets.UTF_8)));
  }

  void print(PrintWriter o, Path out) {
    String per = unit.substring(0, unit.length() - 1);
    o.printf(Locale.ROOT, "%n%-34s %s%n", "ANN top-1 (DJL)", pct(annTop1));
    o.printf(Locale.ROOT, "%-34s %s (DJL QAT: %s)%n", "QANN top-1, L=" + level, pct(run.qannTop1()), pct(qatTop1));
    o.printf(Locale.ROOT, "%-34s %s%n", "SNN top-1 at quiescence", pct(run.curve().finalAccuracy()));
    o.printf(Locale.ROOT, "%-34s %s of %d %s%n", "SNN = QANN prediction", pct(run.curve().finalAgreement()),
        run.samples(), unit);
    o.printf(Locale.ROOT, "%-34s mean %.2f, max %d%n", "steps to quiescence", run.meanSteps(), run.maxSteps());
    o.printf(Locale.ROOT, "%-34s%s%n", "SNN top-1 after t steps", run.curve().milestones());
    o.printf(Locale.ROOT, "%-34s SNN %s, ANN %s per %s (E_MAC 4.6 pJ, E_AC 0.9 pJ)%n", "energy (45 nm)",
        EnergyUnit.format(energy.snnEnergyPj() / run.samples()), EnergyUnit.format(energy.annEnergyPj() / run.samples()),
        per);
    StringBuilder t = new StringBuilder();
    seconds.forEach((k, v) -> t.append(String.format(Locale.ROOT, " %s %.0f s,", k, v)));
    o.printf(Locale.ROOT, "%-34s%s%n", "wall time", t.substring(0, t.length() - 1));
    o.printf(Locale.ROOT, "%-34s %s (summary.json, accuracy_per_step.csv, report/report.html)%n", "wrote", out);
  }

  /** The demo's exit code: 0 when the SNN agrees with the QANN on every example, else 5. */
  int exitCode() {
    return run.curve().finalAgreement() == 1.0 ? 0 : 5;
  }

  private static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
  }
}
