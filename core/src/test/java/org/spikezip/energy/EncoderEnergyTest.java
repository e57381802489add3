package org.spikezip.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.EncoderLayout;
import org.spikezip.model.EncoderWeights;
import org.spikezip.model.RandomEncoders;
import org.spikezip.quant.EncoderQannForward;
import org.spikezip.quant.EncoderStepCalibrator;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.quant.WeightPrecision;
import org.spikezip.sim.EncoderSimulator;
import org.spikezip.sim.LayerActivity;
import org.spikezip.sim.SampleResult;
import org.spikezip.sim.StopRule;

/** The dense baseline of an encoder, which depends on each sentence's length, and its energy report. */
class EncoderEnergyTest {
  /** d = 8, 2 layers, h = 2, m = 12, C = 3. */
  private static final EncoderConfig CONFIG = RandomEncoders.config(25, 10, 8, 2, 2, 12, 3);
  private static final int LEVEL = 8;

  /** n = 5 tokens. */
  @Test
  void countsEveryLayerByHand() {
    DenseOpCount ops = DenseOpCount.of(CONFIG, 5);

    List<String> names = new ArrayList<>(List.of("embeddings.LayerNorm.quan"));
    List<Long> macs = new ArrayList<>(List.of(2L * 5 * 8 + 4 * 8 * 5));   // embedding adds and LayerNorm
    for (int l = 0; l < 2; l++) {
      String p = "encoder.layer." + l + ".";
      names.addAll(List.of(p + "attention.self.quan_q", p + "attention.self.quan_k", p + "attention.self.quan_v",
          p + "attention.self.attn_quan", p + "attention.self.after_attn_quan", p + "attention.output.dense.quan",
          p + "attention.output.LayerNorm.quan", p + "intermediate.quan", p + "output.dense.quan",
          p + "output.LayerNorm.quan"));
      macs.addAll(List.of(
          5L * 8 * 8, 5L * 8 * 8, 5L * 8 * 8,  // q, k, v
          2L * 5 * 5 * 4 + 3 * 5 * 2 * 5,      // scores (2 heads of 4) and softmax
          2L * 5 * 5 * 4,                      // attention times v
          5L * 8 * 8,                          // attention output dense
          5L * 8 + 4 * 8 * 5,                  // residual add and LayerNorm
          5L * 8 * 12,                         // intermediate
          5L * 12 * 8,                         // output dense
          5L * 8 + 4 * 8 * 5));                // residual add and LayerNorm
    }
    names.add("head");
    macs.add(8L * 3);                          // classifier on [CLS]

    assertThat(ops.layers()).extracting(DenseLayerOps::name).containsExactlyElementsOf(names);
    assertThat(ops.layers()).extracting(DenseLayerOps::annMacs).containsExactlyElementsOf(macs);
    assertThat(ops.annMacs()).isEqualTo(240 + 2 * (3 * 320 + 350 + 200 + 320 + 200 + 480 + 480 + 200) + 24);
    long neurons = 5 * 8 + 2 * (5 * 8 * 3 + 2 * 5 * 5 + 5 * 8 * 4 + 5 * 12 + 5 * 8);
    assertThat(ops.qannMacs()).isEqualTo(ops.annMacs() + neurons);
  }

  /** RoBERTa's head: dense d·d, then the readout, d tanh and C·d out_proj; BERT's: one classifier d·C. */
  @Test
  void theHeadIsTheLayoutsDefaultOrTheGivenOne() {
    EncoderConfig roberta = RandomEncoders.config(EncoderLayout.ROBERTA, 25, 12, 8, 2, 2, 12, 3);
    List<DenseLayerOps> bert = DenseOpCount.of(CONFIG, 5).layers();
    List<DenseLayerOps> ops = DenseOpCount.of(roberta, 5).layers();

    assertThat(ops.get(ops.size() - 1)).isEqualTo(new DenseLayerOps(DenseOpCount.HEAD, 0, 8 * 8 + 8 + 3 * 8));
    assertThat(ops.subList(0, ops.size() - 1)).isEqualTo(bert.subList(0, bert.size() - 1));
    assertThat(DenseOpCount.of(roberta, RandomEncoders.weights(roberta, 1).head(), 5).layers()).isEqualTo(ops);
    assertThat(DenseOpCount.of(CONFIG, RandomEncoders.weights(CONFIG, 1).head(), 5).layers()).isEqualTo(bert);
  }

  @Test
  void layersAndNeuronsAreThoseTheSimulatorRunsAtEveryLength() throws UnsupportedModelException {
    List<EncoderInput> in = sentences();
    List<SampleResult> results = simulator(in).runAll(in, 1);

    for (int i = 0; i < in.size(); i++) {
      List<DenseLayerOps> ops = DenseOpCount.of(CONFIG, in.get(i).length()).layers();
      List<LayerActivity> simulated = results.get(i).layers();
      assertThat(ops).extracting(DenseLayerOps::name)
          .containsExactlyElementsOf(simulated.stream().map(LayerActivity::name).toList());
      assertThat(ops).extracting(l -> (int) l.neurons())
          .containsExactlyElementsOf(simulated.stream().map(LayerActivity::neurons).toList());
    }
  }

  @Test
  void theBaselineIsTheSumOverSentencesOfTheirOwnCounts() throws UnsupportedModelException {
    List<EncoderInput> in = sentences();
    List<SampleResult> results = simulator(in).withoutNeuronDetail().runAll(in, 2);
    List<DenseOpCount> dense = in.stream().map(s -> DenseOpCount.of(CONFIG, s.length())).toList();
    EnergyModel model = new EnergyModel("test", 2.0, 0.5);

    EnergyReport r = EnergyAccounting.account(results, dense, model, predictions(in), Optional.empty());

    long ann = 0;
    long qann = 0;
    for (EncoderInput s : in) {
      ann += DenseOpCount.of(CONFIG, s.length()).annMacs();
      qann += DenseOpCount.of(CONFIG, s.length()).qannMacs();
    }
    assertThat(r.annEnergyPj()).isEqualTo(ann * 2.0);
    assertThat(r.qannEnergyPj()).isEqualTo(qann * 2.0);
    assertThat(r.annMacsPerSample()).isEqualTo(ann / (double) in.size());
    assertThat(r.denseTotal().layers().get(0).annMacs()).isEqualTo(6L * 8 * (3 + 5 + 6 + 6));
    assertThat(r.last().agreeing()).isEqualTo(in.size());
    for (int l = 0; l < r.layers().size(); l++) {
      long neuronSteps = 0;
      int most = 0;
      for (SampleResult s : results) {
        neuronSteps += (long) s.layers().get(l).neurons() * s.stopStep();
        most = Math.max(most, s.layers().get(l).neurons());
      }
      assertThat(r.layers().get(l).neuronSteps()).isEqualTo(neuronSteps);
      assertThat(r.layers().get(l).neurons()).isEqualTo(most);
    }
  }

  @Test
  void countsOfOtherLayersAreRefused() throws UnsupportedModelException {
    List<EncoderInput> in = sentences();
    List<SampleResult> results = simulator(in).withoutNeuronDetail().runAll(in, 1);
    List<DenseOpCount> otherModel = in.stream()
        .map(s -> DenseOpCount.of(RandomEncoders.config(25, 10, 8, 1, 2, 12, 3), s.length())).toList();

    assertThatThrownBy(() -> EnergyAccounting.account(results, otherModel, EnergyModel.DEFAULT, predictions(in),
        Optional.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("simulated layers");
    assertThatThrownBy(() -> EnergyAccounting.account(results, otherModel.subList(0, 2), EnergyModel.DEFAULT,
        predictions(in), Optional.empty())).hasMessageContaining("dense counts (2)");
    assertThatThrownBy(() -> DenseOpCount.sum(List.of(DenseOpCount.of(CONFIG, 3), otherModel.get(0))))
        .hasMessageContaining("a sum needs the same layers");
  }

  /** Four sentences of 3, 5 and 6 tokens, two of them padded. */
  private static List<EncoderInput> sentences() {
    int[][] lengths = {{3, 3}, {5, 2}, {6, 6}, {6, 4}};
    List<EncoderInput> in = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) {
      int n = lengths[i][0];
      in.add(EncoderInput.of(RandomEncoders.tokens(CONFIG, n, new Random(70 + i)),
          RandomEncoders.mask(n, lengths[i][1])));
    }
    return in;
  }

  private static QuantizedEncoder qann(List<EncoderInput> calibration) throws UnsupportedModelException {
    EncoderWeights w = RandomEncoders.weights(CONFIG, 17);
    return QuantizedEncoder.build(w, EncoderStepCalibrator.calibrate(w, LEVEL, calibration), LEVEL,
        WeightPrecision.grid());
  }

  private static EncoderSimulator simulator(List<EncoderInput> in) throws UnsupportedModelException {
    return new EncoderSimulator(SpikingEncoder.convert(qann(in)), StopRule.quiescent(10_000));
  }

  private static int[] predictions(List<EncoderInput> in) throws UnsupportedModelException {
    EncoderQannForward f = new EncoderQannForward(qann(in));
    return in.stream().mapToInt(s -> f.forward(s).predictedClass()).toArray();
  }
}
