package org.spikezip.snn.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.spikezip.convert.NeuronParams;
import org.spikezip.snn.SpikeBuffer;
import org.spikezip.snn.ValueBuffer;

/**
 * Hand-worked trajectories of one ST-BIF+ neuron (SPEC §4), membrane v in units of θ:
 *
 * <pre>
 * v_0 = 1/2, S_0 = 0;   v += x_t/θ
 * if v >= 1 and S < max: spike +1, S += 1, v -= 1
 * elif v < 0 and S > min: spike -1, S -= 1, v += 1
 * </pre>
 *
 * The implementation keeps the integrated input X and S instead of v; after each step
 * {@code v = X/θ + 1/2 - S}, which is the membrane these tests check. Threshold θ = 0.5 throughout;
 * inputs are written as multiples of θ.
 */
class StBifNeuronTest {
  private static final double THETA = 0.5;
  private static final double EXACT = 1e-12;

  /** L=16 signed: bounds [-8, 7]. */
  private static final NeuronParams SIGNED = new NeuronParams("signed", THETA, -8, 7);

  /** L=4 unsigned: bounds [0, 3]. */
  private static final NeuronParams UNSIGNED = new NeuronParams("unsigned", THETA, 0, 3);

  /**
   * Input 2.3θ at step 1, then nothing.
   * <pre>
   * t  x/θ   v before   spike  S  v after
   * 1  2.3   2.8        +1     1  1.8
   * 2  0     1.8        +1     2  0.8
   * 3  0     0.8         0     2  0.8
   * 4  0     0.8         0     2  0.8
   * </pre>
   * S = 2 = floor(2.3 + 1/2).
   */
  @Test
  void positiveInputSpikesTwiceThenStaysQuiet() {
    Trajectory r = run(SIGNED, 2.3, 0, 0, 0);
    assertThat(r.spikes).containsExactly(+1, +1, 0, 0);
    assertThat(r.tracer).containsExactly(1, 2, 2, 2);
    assertThat(r.membrane).containsExactly(new double[] {1.8, 0.8, 0.8, 0.8}, within(EXACT));
    assertThat(r.output).containsExactly(new double[] {THETA, THETA, 0, 0}, within(0.0));
  }

  /**
   * Input -1.6θ at step 1, then nothing.
   * <pre>
   * t  x/θ   v before   spike  S   v after
   * 1  -1.6  -1.1       -1     -1  -0.1
   * 2  0     -0.1       -1     -2   0.9
   * 3  0      0.9        0     -2   0.9
   * </pre>
   * S = -2 = floor(-1.6 + 1/2).
   */
  @Test
  void negativeInputSpikesNegativeTwice() {
    Trajectory r = run(SIGNED, -1.6, 0, 0);
    assertThat(r.spikes).containsExactly(-1, -1, 0);
    assertThat(r.tracer).containsExactly(-1, -2, -2);
    assertThat(r.membrane).containsExactly(new double[] {-0.1, 0.9, 0.9}, within(EXACT));
    assertThat(r.output).containsExactly(new double[] {-THETA, -THETA, 0}, within(0.0));
  }

  /**
   * Input 1.2θ, nothing, then -0.9θ: the early +1 spike overshoots the total 0.3θ and is taken back.
   * <pre>
   * t  x/θ   v before   spike  S  v after
   * 1  1.2   1.7        +1     1  0.7
   * 2  0     0.7         0     1  0.7
   * 3  -0.9  -0.2       -1     0  0.8
   * 4  0     0.8         0     0  0.8
   * </pre>
   * S = 0 = floor(0.3 + 1/2).
   */
  @Test
  void overshootIsCorrectedByANegativeSpike() {
    Trajectory r = run(SIGNED, 1.2, 0, -0.9, 0);
    assertThat(r.spikes).containsExactly(+1, 0, -1, 0);
    assertThat(r.tracer).containsExactly(1, 1, 0, 0);
    assertThat(r.membrane).containsExactly(new double[] {0.7, 0.7, 0.8, 0.8}, within(EXACT));
  }

  /**
   * Input 1.2θ, 0.6θ, -1.5θ: two +1 spikes, then two -1 spikes as the later input outweighs them.
   * <pre>
   * t  x/θ   v before   spike  S  v after
   * 1  1.2   1.7        +1     1   0.7
   * 2  0.6   1.3        +1     2   0.3
   * 3  -1.5  -1.2       -1     1  -0.2
   * 4  0     -0.2       -1     0   0.8
   * 5  0     0.8         0     0   0.8
   * </pre>
   * S = 0 = floor(0.3 + 1/2).
   */
  @Test
  void laterNegativeInputTakesBackTwoSpikes() {
    Trajectory r = run(SIGNED, 1.2, 0.6, -1.5, 0, 0);
    assertThat(r.spikes).containsExactly(+1, +1, -1, -1, 0);
    assertThat(r.tracer).containsExactly(1, 2, 1, 0, 0);
    assertThat(r.membrane).containsExactly(new double[] {0.7, 0.3, -0.2, 0.8, 0.8}, within(EXACT));
  }

  /**
   * Unsigned L=4 (bounds [0, 3]), input 5.2θ: three +1 spikes, then S = max holds the charge back.
   * <pre>
   * t  x/θ   v before   spike  S  v after
   * 1  5.2   5.7        +1     1  4.7
   * 2  0     4.7        +1     2  3.7
   * 3  0     3.7        +1     3  2.7
   * 4  0     2.7         0     3  2.7   (v >= 1 but S = max)
   * 5  0     2.7         0     3  2.7
   * </pre>
   * S = 3 = clamp(floor(5.2 + 1/2), 0, 3).
   */
  @Test
  void saturatesAtTheUpperBound() {
    Trajectory r = run(UNSIGNED, 5.2, 0, 0, 0, 0);
    assertThat(r.spikes).containsExactly(+1, +1, +1, 0, 0);
    assertThat(r.tracer).containsExactly(1, 2, 3, 3, 3);
    assertThat(r.membrane).containsExactly(new double[] {4.7, 3.7, 2.7, 2.7, 2.7}, within(EXACT));
  }

  /**
   * Unsigned, input -0.7θ then 1.4θ: S = min = 0 holds the first spike back, then the total
   * 0.7θ gives one +1 spike.
   * <pre>
   * t  x/θ   v before   spike  S  v after
   * 1  -0.7  -0.2        0     0  -0.2   (v < 0 but S = min)
   * 2  1.4   1.2        +1     1   0.2
   * 3  0     0.2         0     1   0.2
   * </pre>
   * S = 1 = clamp(floor(0.7 + 1/2), 0, 3).
   */
  @Test
  void staysAtTheLowerBoundUntilInputTurnsPositive() {
    Trajectory r = run(UNSIGNED, -0.7, 1.4, 0);
    assertThat(r.spikes).containsExactly(0, +1, 0);
    assertThat(r.tracer).containsExactly(0, 1, 1);
    assertThat(r.membrane).containsExactly(new double[] {-0.2, 0.2, 0.2}, within(EXACT));
  }

  /**
   * One step's events of a [2, 2] layer given 2.3θ, -1.6θ, 0.2θ and 0.6θ: +1 at neuron 0, -1 at
   * neuron 1, nothing at neuron 2 (v = 0.7), +1 at neuron 3 (v = 1.1); row 0 and row 1 both spiked.
   */
  @Test
  void oneStepOfALayerListsEachSpikeOnce() {
    ValueBuffer in = new ValueBuffer(2, 2);
    SpikeBuffer out = new SpikeBuffer(2, 2);
    double[] x = {2.3 * THETA, -1.6 * THETA, 0.2 * THETA, 0.6 * THETA};
    System.arraycopy(x, 0, in.values(), 0, x.length);
    in.changed().addAll();
    StBifNeuron.step(SIGNED, in, out);
    assertThat(out.eventCount()).isEqualTo(3);
    assertThat(out.positiveInStep()).isEqualTo(2);
    assertThat(out.negativeInStep()).isEqualTo(1);
    assertThat(deltas(out)).containsExactly(1, -1, 0, 1);
    assertThat(out.counts()).containsExactly(1, -1, 0, 1);
    assertThat(out.spikedRows().size()).isEqualTo(2);
    // Step 2, no new input: neuron 0 (v = 1.8) and neuron 1 (v = -0.1) fire again; 2 and 3 stay.
    in.changed().clear();
    StBifNeuron.step(SIGNED, in, out);
    assertThat(deltas(out)).containsExactly(1, -1, 0, 0);
    assertThat(out.counts()).containsExactly(2, -2, 0, 1);
    assertThat(out.spikesAbs()).containsExactly(2, 2, 0, 1);
    assertThat(out.spikedRows().size()).isEqualTo(1);
  }

  /** Per step: the spike, the tracer S after it, the membrane v after it, and the output spike × θ. */
  private record Trajectory(int[] spikes, int[] tracer, double[] membrane, double[] output) {}

  /** Drives one neuron with {@code inputs[t] * θ} at step t + 1; only steps with input mark it changed. */
  private static Trajectory run(NeuronParams p, double... inputsInTheta) {
    ValueBuffer in = new ValueBuffer(1, 1);
    SpikeBuffer out = new SpikeBuffer(1, 1);
    int steps = inputsInTheta.length;
    Trajectory r = new Trajectory(new int[steps], new int[steps], new double[steps], new double[steps]);
    for (int t = 0; t < steps; t++) {
      in.changed().clear();
      if (inputsInTheta[t] != 0) {
        in.values()[0] += inputsInTheta[t] * p.threshold();
        in.changed().add(0);
      }
      StBifNeuron.step(p, in, out);
      int spike = deltas(out)[0];
      r.spikes[t] = spike;
      r.tracer[t] = out.counts()[0];
      r.membrane[t] = in.values()[0] / p.threshold() + 0.5 - out.counts()[0];
      r.output[t] = spike * p.threshold();
      assertThat(out.eventCount()).isEqualTo(Math.abs(spike));
    }
    return r;
  }

  /** This step's spike per neuron (+1, -1 or 0), from the event list. */
  private static int[] deltas(SpikeBuffer out) {
    int[] d = new int[out.size()];
    for (int e = 0; e < out.eventCount(); e++) {
      d[out.eventIndex(e)] += out.eventSign(e);
    }
    return d;
  }
}
