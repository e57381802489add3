package org.spikezip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.spikezip.convert.Converter;
import org.spikezip.convert.SpikingVit;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.quant.QannForward;
import org.spikezip.quant.QannResult;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.quant.StepCalibrator;
import org.spikezip.quant.WeightPrecision;
import org.spikezip.model.RandomVits;

/** SPEC §5: once quiet, the SNN's tracers equal the QANN's codes everywhere and the logits are the same. */
class SnnEqualsQannPropertyTest {

  @Property(tries = 40)
  void quiescentSnnReproducesQannExactly(
      @ForAll @IntRange(min = 1, max = 6) int depth,
      @ForAll("levels") int level,
      @ForAll @IntRange(min = 1, max = 3) int heads,
      @ForAll @IntRange(min = 2, max = 7) int headDim,
      @ForAll @IntRange(min = 1, max = 3) int grid,
      @ForAll boolean rate,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    int patch = 2 + (int) (seed % 3);
    VitConfig c = RandomVits.config(grid * patch, patch, heads * headDim, depth, heads, 1 + (seed % 3), 3 + (int) (seed % 5));
    VitWeights w = RandomVits.weights(c, seed);
    List<double[]> images = RandomVits.images(c, 2, seed + 1);
    QuantizerSteps steps = StepCalibrator.calibrate(w, level, images);
    QuantizedVit qann = build(w, steps, level);
    SpikingVit snn = Converter.convert(qann).network();
    Simulator sim = new Simulator(snn, rate ? Encoding.RATE : Encoding.ANALOG, StopRule.quiescent(100_000));
    SimState state = sim.newState();
    for (double[] image : images) {
      QannResult ref = new QannForward(qann).forward(image);
      SampleResult r = sim.run(image, state, SimulationListener.NONE);
      assertThat(r.quiescent()).isTrue();
      for (var e : ref.codes().entrySet()) {
        assertThat(r.spikeCounts().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
      }
      assertThat(r.logits()).isEqualTo(ref.logits());
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> levels() {
    return net.jqwik.api.Arbitraries.of(4, 8, 16, 32);
  }

  private static QuantizedVit build(VitWeights w, QuantizerSteps steps, int level) {
    try {
      return QuantizedVit.build(w, steps, level, WeightPrecision.grid());
    } catch (org.spikezip.error.UnsupportedModelException e) {
      throw new AssertionError(e);
    }
  }
}
