package org.spikezip.cli;

import java.util.List;
import org.spikezip.sim.SampleResult;

/**
 * Top-1 of the SNN's accumulated output after each time step t (a sample that stopped keeps its
 * final answer), and its agreement with the QANN's predictions.
 *
 * @param correct samples whose answer after step t+1 is the label
 * @param agreeing samples whose answer after step t+1 is the QANN's
 */
record AccuracyCurve(int samples, int[] correct, int[] agreeing) {

  static AccuracyCurve of(List<SampleResult> results, int[] labels, int[] qannPredictions) {
    int steps = results.stream().mapToInt(SampleResult::stopStep).max().orElse(0);
    int[] correct = new int[steps];
    int[] agreeing = new int[steps];
    for (int s = 0; s < results.size(); s++) {
      SampleResult r = results.get(s);
      for (int t = 1; t <= steps; t++) {
        int p = SampleResult.argmax(r.logitsAt(t));
        correct[t - 1] += p == labels[s] ? 1 : 0;
        agreeing[t - 1] += p == qannPredictions[s] ? 1 : 0;
      }
    }
    return new AccuracyCurve(results.size(), correct, agreeing);
  }

  int steps() {
    return correct.length;
  }

  /** Accuracy after step t (1-based); past the last stop it stays at the final value. */
  double accuracyAt(int t) {
    return correct[Math.min(t, steps()) - 1] / (double) samples;
  }

  double agreementAt(int t) {
    return agreeing[Math.min(t, steps()) - 1] / (double) samples;
  }

  double finalAccuracy() {
    return accuracyAt(steps());
  }

  double finalAgreement() {
    return agreementAt(steps());
  }

  /** "t=1 a %  t=2 b %  t=4 ...  t=max z %": accuracy after doubling step counts and at the end. */
  String milestones() {
    StringBuilder at = new StringBuilder();
    for (int t = 1; t < steps(); t *= 2) {
      at.append(String.format(java.util.Locale.ROOT, "  t=%d %.2f %%", t, 100 * accuracyAt(t)));
    }
    return at.append(String.format(java.util.Locale.ROOT, "  t=%d %.2f %%", steps(), 100 * accuracyAt(steps())))
        .toString();
  }

  /** One line per step: {@code t,snn_top1,snn_qann_agreement}. */
  String csv() {
    StringBuilder b = new StringBuilder("t,snn_top1,snn_qann_agreement\n");
    for (int t = 1; t <= steps(); t++) {
      b.append(String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f%n", t, accuracyAt(t), agreementAt(t)));
    }
    return b.toString();
  }
}
