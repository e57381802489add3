package org.spikezip.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.spikezip.convert.SpikingEncoder;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.RandomEncoders;

/** The encoder simulator's totals-only mode and its progress listener, as the ViT simulator has them. */
class EncoderSimulatorDetailTest {
  private static final EncoderConfig CONFIG = RandomEncoders.config(25, 10, 8, 2, 2, 12, 3);
  private static final int LEVEL = 8;

  private static SpikingEncoder net() {
    return SpikingEncoder.convert(EncoderTestModels.build(RandomEncoders.weights(CONFIG, 5),
        EncoderTestModels.steps(CONFIG, LEVEL, 6), LEVEL));
  }

  /** Sentences of 3 to 7 tokens, some padded. */
  private static List<EncoderInput> inputs(int count) {
    List<EncoderInput> in = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = 3 + i % 5;
      in.add(EncoderInput.of(RandomEncoders.tokens(CONFIG, n, new Random(40 + i)), RandomEncoders.mask(n, n - i % 3)));
    }
    return in;
  }

  @Test
  void totalsAreTheSameWithoutNeuronDetail() {
    EncoderSimulator detailed = new EncoderSimulator(net(), StopRule.quiescent(10_000));
    List<EncoderInput> in = inputs(5);

    List<SampleResult> full = detailed.runAll(in, 2);
    List<SampleResult> totals = detailed.withoutNeuronDetail().runAll(in, 2);

    for (int i = 0; i < in.size(); i++) {
      SampleResult a = full.get(i);
      SampleResult b = totals.get(i);
      assertThat(a.spikeCounts()).isNotEmpty().hasSameSizeAs(a.spikesAbs());
      assertThat(b.spikeCounts()).isEmpty();
      assertThat(b.spikesAbs()).isEmpty();
      assertThat(b.layers()).usingRecursiveFieldByFieldElementComparator().isEqualTo(a.layers());
      assertThat(b.logitsPerStep()).isEqualTo(a.logitsPerStep());
      assertThat(b.stopStep()).isEqualTo(a.stopStep());
      assertThat(b.quiescent()).isTrue().isEqualTo(a.quiescent());
      assertThat(b.totalSpikes()).isEqualTo(a.totalSpikes()).isPositive();
    }
  }

  @Test
  void oneSimulatorGivesEachSequenceWhatAFreshOneGives() {
    // Lengths change from one sequence to the next (3,4,5,6,7,3,...) and repeat, so the kept state
    // is both replaced and reused; each result must not depend on what ran before.
    SpikingEncoder net = net();
    EncoderSimulator shared = new EncoderSimulator(net, StopRule.quiescent(10_000));
    List<EncoderInput> in = inputs(8);
    in.add(in.get(7));
    for (EncoderInput x : in) {
      SampleResult reused = shared.run(x);
      SampleResult fresh = new EncoderSimulator(net, StopRule.quiescent(10_000)).run(x);
      assertThat(reused.logitsPerStep()).isEqualTo(fresh.logitsPerStep());
      assertThat(reused.spikeCounts()).usingRecursiveComparison().isEqualTo(fresh.spikeCounts());
      assertThat(reused.stopStep()).isEqualTo(fresh.stopStep());
    }
  }

  @Test
  void theListenerHearsEverySampleOnceWithItsResult() {
    List<EncoderInput> in = inputs(7);
    Map<Integer, SampleResult> heard = new ConcurrentHashMap<>();
    SimulationListener listener = new SimulationListener() {
      @Override
      public void onSampleEnd(int sample, SampleResult result) {
        assertThat(heard.put(sample, result)).as("sample %d heard twice", sample).isNull();
      }
    };

    List<SampleResult> results = new EncoderSimulator(net(), StopRule.quiescent(10_000)).withoutNeuronDetail()
        .runAll(in, 3, listener);

    assertThat(heard).hasSize(in.size());
    for (int i = 0; i < in.size(); i++) {
      assertThat(heard.get(i)).isSameAs(results.get(i));
    }
  }
}
