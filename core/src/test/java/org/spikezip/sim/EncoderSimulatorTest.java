package org.spikezip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.spikezip.convert.NeuronParams;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.EncoderLayout;
import org.spikezip.model.EncoderWeights;
import org.spikezip.model.RandomEncoders;
import org.spikezip.quant.EncoderQannForward;
import org.spikezip.quant.EncoderStepCalibrator;
import org.spikezip.quant.QannResult;
import org.spikezip.quant.QuantizedEncoder;
import org.spikezip.quant.WeightPrecision;

/** Stop rules, reports and integer weights of the encoder simulator. */
class EncoderSimulatorTest {
  private static final EncoderConfig CONFIG = RandomEncoders.config(25, 10, 10, 2, 2, 14, 3);

  private static EncoderInput input(long seed, int n, int valid) {
    return EncoderInput.of(RandomEncoders.tokens(CONFIG, n, new Random(seed)), RandomEncoders.mask(n, valid));
  }

  private static QuantizedEncoder qann(WeightPrecision precision, int level) throws UnsupportedModelException {
    EncoderWeights w = RandomEncoders.weights(CONFIG, 21);
    return QuantizedEncoder.build(w, EncoderStepCalibrator.calibrate(w, level, List.of(input(1, 7, 5), input(2, 4, 4))),
        level, precision);
  }

  @Test
  void integerWeightsGiveBitIdenticalCountsAndLogits() throws UnsupportedModelException {
    QuantizedEncoder q = qann(WeightPrecision.integer(8), 8);
    EncoderSimulator sim = new EncoderSimulator(SpikingEncoder.convert(q), StopRule.quiescent(10_000));
    for (long seed = 3; seed < 8; seed++) {
      EncoderInput in = input(seed, 6, 2 + (int) (seed % 5));
      QannResult ref = new EncoderQannForward(q).forward(in);
      SampleResult r = sim.run(in);
      assertThat(r.quiescent()).isTrue();
      for (var e : ref.codes().entrySet()) {
        assertThat(r.spikeCounts().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
      }
      assertThat(r.logits()).isEqualTo(ref.logits());
    }
  }

  @Test
  void fixedStopRunsToTheCapAndReportsEveryLayer() throws UnsupportedModelException {
    QuantizedEncoder q = qann(WeightPrecision.grid(), 16);
    SpikingEncoder net = SpikingEncoder.convert(q);
    EncoderInput in = input(9, 8, 6);
    SampleResult quiet = new EncoderSimulator(net, StopRule.quiescent(10_000)).run(in);
    int cap = quiet.stopStep() + 5;
    SampleResult fixed = new EncoderSimulator(net, StopRule.fixed(cap)).run(in);
    assertThat(fixed.stopStep()).isEqualTo(cap);
    assertThat(fixed.quiescent()).isFalse();
    assertThat(fixed.logits()).isEqualTo(quiet.logits()).isEqualTo(new EncoderQannForward(q).forward(in).logits());
    assertThat(fixed.logitsAt(1)).isEqualTo(quiet.logitsAt(1));

    List<NeuronParams> layers = net.neuronLayers();
    assertThat(quiet.layers()).hasSize(layers.size() + 1);
    assertThat(quiet.layers().get(layers.size()).name()).isEqualTo("head");
    long abs = 0;
    for (int l = 0; l < layers.size(); l++) {
      LayerActivity a = quiet.layers().get(l);
      assertThat(a.name()).isEqualTo(layers.get(l).name());
      for (int v : quiet.spikesAbs().get(a.name())) {
        abs += v;
      }
    }
    assertThat(quiet.totalSpikes()).isEqualTo(abs).isPositive();
    assertThat(quiet.layers().get(0).acs()).isGreaterThanOrEqualTo(2L * 8 * CONFIG.hidden());
    assertThat(quiet.layers().get(layers.size()).macs()).isPositive();
  }

  @Test
  void statesAreReusedAcrossLengthsWithoutLeaking() throws UnsupportedModelException {
    QuantizedEncoder q = qann(WeightPrecision.grid(), 8);
    EncoderSimulator sim = new EncoderSimulator(SpikingEncoder.convert(q), StopRule.quiescent(10_000));
    EncoderInput a = input(4, 5, 3);
    EncoderInput b = input(5, 9, 9);
    SampleResult first = sim.run(a);
    sim.run(b);
    SampleResult again = sim.run(a);
    assertThat(again.logits()).isEqualTo(first.logits());
    assertThat(again.stopStep()).isEqualTo(first.stopStep());
  }

  @Test
  void threadsDoNotChangeResults() throws UnsupportedModelException {
    QuantizedEncoder q = qann(WeightPrecision.grid(), 8);
    SpikingEncoder net = SpikingEncoder.convert(q);
    List<EncoderInput> inputs = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      inputs.add(input(30 + i, 3 + i % 5, 1 + i % 3));
    }
    List<SampleResult> one = new EncoderSimulator(net, StopRule.quiescent(10_000)).runAll(inputs, 1);
    List<SampleResult> three = new EncoderSimulator(net, StopRule.quiescent(10_000)).runAll(inputs, 3);
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(three.get(i).logits()).isEqualTo(one.get(i).logits())
          .isEqualTo(new EncoderQannForward(q).forward(inputs.get(i)).logits());
      assertThat(three.get(i).stopStep()).isEqualTo(one.get(i).stopStep());
    }
  }

  /**
   * RoBERTa's head: the spike-driven dense on the [CLS] row (hidden outputs) plus the float readout,
   * hidden tanh and classes x hidden out_proj MACs, counted at every step in which the dense moved.
   */
  @Test
  void robertaHeadCountsItsReadoutAsMacs() throws UnsupportedModelException {
    EncoderConfig c = RandomEncoders.config(EncoderLayout.ROBERTA, 25, 12, 10, 2, 2, 14, 3);
    EncoderWeights w = RandomEncoders.weights(c, 22);
    EncoderInput in = EncoderInput.of(RandomEncoders.tokens(c, 7, new Random(4)), RandomEncoders.mask(7, 5));
    QuantizedEncoder q = QuantizedEncoder.build(w, EncoderStepCalibrator.calibrate(w, 16, List.of(in)), 16,
        WeightPrecision.grid());
    SampleResult r = new EncoderSimulator(SpikingEncoder.convert(q), StopRule.quiescent(10_000)).run(in);
    assertThat(r.logits()).isEqualTo(new EncoderQannForward(q).forward(in).logits());
    long perReadout = 10 + (10 + 3 * 10);
    long[] headMacs = r.layers().get(r.layers().size() - 1).macsPerStep();
    assertThat(headMacs[0]).isEqualTo(perReadout);
    assertThat(Arrays.stream(headMacs).boxed().toList()).containsOnly(0L, perReadout);
  }
}
