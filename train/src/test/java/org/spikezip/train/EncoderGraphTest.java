package org.spikezip.train;

import static org.assertj.core.api.Assertions.assertThat;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spikezip.model.Activation;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderExamples;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.EncoderLayout;
import org.spikezip.model.EncoderWeights;
import org.spikezip.model.RandomEncoders;
import org.spikezip.quant.EncoderFloatPass;
import org.spikezip.quant.EncoderQannForward;
import org.spikezip.quant.EncoderSite;
import org.spikezip.quant.EncoderStepCalibrator;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.quant.WeightPrecision;

/**
 * The DJL encoder graph against the core's independent double-precision passes, on random small
 * encoders of both layouts and sequences of different lengths batched with padding: the float model
 * against {@link EncoderFloatPass}, the fake-quantized one (float64) against the exact
 * {@link EncoderQannForward}.
 */
class EncoderGraphTest {

  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource({"BERT, RELU", "ROBERTA, RELU"})
  void floatGraphMatchesTheCorePass(EncoderLayout layout, Activation activation) throws Exception {
    EncoderWeights w = withActivation(RandomEncoders.weights(RandomEncoders.config(layout, 50, 20, 16, 2, 4, 32, 3), 5),
        activation);
    EncoderExamples data = sequences(w.config(), 9, 17);
    double[][] expected = EncoderFloatPass.logits(w, data.inputs());
    double[][] got = djlLogits(w, data, null);
    for (int i = 0; i < expected.length; i++) {
      for (int c = 0; c < expected[i].length; c++) {
        assertThat(got[i][c]).as("sequence %d class %d", i, c)
            .isCloseTo(expected[i][c], Offset.offset(1e-9 * Math.max(1, Math.abs(expected[i][c]))));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"BERT", "ROBERTA"})
  void fakeQuantizedGraphMatchesTheExactQann(EncoderLayout layout) throws Exception {
    EncoderWeights w = RandomEncoders.weights(RandomEncoders.config(layout, 50, 20, 16, 2, 4, 32, 3), 8);
    EncoderExamples data = sequences(w.config(), 9, 23);
    QuantizerSteps steps = EncoderStepCalibrator.calibrate(w, 16, data.inputs());
    QuantizedEncoder qann = QuantizedEncoder.build(w, steps, 16, WeightPrecision.grid());
    double[][] got = djlLogits(w, data, steps);
    int samePredictions = 0;
    double worst = 0;
    for (int i = 0; i < data.size(); i++) {
      double[] expected = new EncoderQannForward(qann).forward(data.inputs().get(i)).logits();
      samePredictions += argmax(expected) == argmax(got[i]) ? 1 : 0;
      for (int c = 0; c < expected.length; c++) {
        worst = Math.max(worst, Math.abs(expected[c] - got[i][c]) / Math.max(1, Math.abs(expected[c])));
      }
    }
    assertThat(samePredictions).isEqualTo(data.size());
    // The core snaps weights to a fine grid and sums exactly; DJL sums float64 in its own order.
    assertThat(worst).as("largest relative logit difference").isLessThan(1e-6);
  }

  /** Logits from the DJL graph in float64: float when {@code steps} is null, else fake-quantized at L=16. */
  private static double[][] djlLogits(EncoderWeights w, EncoderExamples data, QuantizerSteps steps) {
    try (NDManager root = TorchRuntime.newManager();
        EncoderParameters p = EncoderParameters.fromWeights(root, w, DataType.FLOAT64);
        LsqQuantization lsq = steps == null ? null
            : LsqQuantization.fixed(root, EncoderSite.names(w.config().layers()), steps, 16, 0, DataType.FLOAT64)) {
      Quantization q = steps == null ? Quantization.none() : lsq;
      TextBatchSource source = new TextBatchSource(data, w.config().layout(), data.size(), 0);
      int[] all = new int[data.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      try (NDManager m = StepScope.open(root, p, q, List.of())) {
        TextBatch batch = source.batch(m, all, DataType.FLOAT64);
        double[] flat = Autograd.inference(() -> EncoderGraph.forward(p, batch, q).toDoubleArray());
        int classes = w.config().numClasses();
        double[][] out = new double[all.length][classes];
        for (int i = 0; i < all.length; i++) {
          System.arraycopy(flat, i * classes, out[i], 0, classes);
        }
        return out;
      }
    }
  }

  /** {@code n} unpadded random sequences of lengths 2 to maxPositions - reserved (so a batch pads most). */
  static EncoderExamples sequences(EncoderConfig c, int n, long seed) {
    Random r = new Random(seed);
    List<EncoderInput> inputs = new ArrayList<>();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int len = 2 + r.nextInt(c.maxTokens() - 1);
      inputs.add(new EncoderInput(RandomEncoders.tokens(c, len, r), RandomEncoders.mask(len, len),
          new int[len]));
      labels[i] = r.nextInt(c.numClasses());
    }
    List<String> names = new ArrayList<>();
    for (int k = 0; k < c.numClasses(); k++) {
      names.add("c" + k);
    }
    return new EncoderExamples(inputs, labels, names);
  }

  static EncoderWeights withActivation(EncoderWeights w, Activation a) {
    EncoderConfig c = w.config();
    EncoderConfig changed = new EncoderConfig(c.vocabSize(), c.maxPositions(), c.typeVocabSize(), c.hidden(),
        c.layers(), c.heads(), c.intermediate(), c.numClasses(), c.lnEps(), a, c.layout());
    return new EncoderWeights(changed, w.wordEmbeddings(), w.positionEmbeddings(), w.tokenTypeEmbeddings(),
        w.embeddingNorm(), w.layers(), w.pooler(), w.head());
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
