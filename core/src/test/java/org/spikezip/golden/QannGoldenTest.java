package org.spikezip.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QannResult;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.sim.SampleResult;

/**
 * Our QANN against the original release's (float64, {@code golden/tiny_L8.*} and {@code tiny_L16.*}):
 * the same logits within {@link GoldenCase#LOGIT_TOLERANCE}, the same predictions, and the same
 * integer code in every quantizer for every input.
 */
class QannGoldenTest {

  @ParameterizedTest(name = "L={0}")
  @ValueSource(ints = {8, 16})
  void logitsAndPredictionsEqualTheRelease(int level) throws Exception {
    GoldenCase g = GoldenCase.load(level);
    QannForward qann = new QannForward(g.qann());
    for (int b = 0; b < g.batch(); b++) {
      QannResult r = qann.forward(g.images().get(b));
      double[] expected = g.row("qann_logits_f64", b);
      assertThat(r.logits()).as("QANN logits of sample %d", b)
          .containsExactly(expected, within(GoldenCase.LOGIT_TOLERANCE));
      assertThat(maxRelativeDifference(r.logits(), expected)).as("relative logit error of sample %d", b)
          .isLessThanOrEqualTo(GoldenCase.LOGIT_TOLERANCE);
      assertThat(r.predictedClass()).as("prediction of sample %d", b)
          .isEqualTo(SampleResult.argmax(expected));
    }
  }

  @ParameterizedTest(name = "L={0}")
  @ValueSource(ints = {8, 16})
  void everyCodeEqualsTheRelease(int level) throws Exception {
    GoldenCase g = GoldenCase.load(level);
    QuantizedVit model = g.qann();
    assertThat(model.quantizers().keySet()).containsExactlyElementsOf(g.quantizerNames());
    QannForward qann = new QannForward(model);
    for (int b = 0; b < g.batch(); b++) {
      QannResult r = qann.forward(g.images().get(b));
      assertThat(r.codes().keySet()).containsExactlyElementsOf(g.quantizerNames());
      for (String name : g.quantizerNames()) {
        assertThat(r.codes().get(name)).as("codes of %s, sample %d", name, b)
            .isEqualTo(g.ours("codes.", name, b));
      }
    }
  }

  /** max |a - e| / max(|e|, tiny) over the elements. */
  static double maxRelativeDifference(double[] actual, double[] expected) {
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(Math.abs(expected[i]), Double.MIN_NORMAL);
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / scale);
    }
    return worst;
  }
}
