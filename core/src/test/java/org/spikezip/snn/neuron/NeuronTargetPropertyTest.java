package org.spikezip.snn.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/** The neuron's fast target equals the quantizer's {@code floor(x/theta + 0.5)} bit for bit. */
class NeuronTargetPropertyTest {

  @Property(tries = 20_000)
  void equalsTheDivision(@ForAll @DoubleRange(min = 1e-6, max = 1e3) @net.jqwik.api.constraints.Scale(12) double theta, @ForAll("inputs") double x) {
    assertThat(StBifNeuron.target(x, theta, 1.0 / theta)).isEqualTo(Math.floor(x / theta + 0.5));
  }

  @Property(tries = 20_000)
  void equalsTheDivisionNextToBoundaries(
      @ForAll @DoubleRange(min = 1e-4, max = 10) @net.jqwik.api.constraints.Scale(12) double theta, @ForAll("halfIntegers") double k, @ForAll("ulps") int ulps) {
    double x = k * theta;
    for (int u = 0; u < Math.abs(ulps); u++) {
      x = ulps > 0 ? Math.nextUp(x) : Math.nextDown(x);
    }
    assertThat(StBifNeuron.target(x, theta, 1.0 / theta)).isEqualTo(Math.floor(x / theta + 0.5));
  }

  @Provide
  Arbitrary<Double> inputs() {
    return Arbitraries.oneOf(Arbitraries.doubles().between(-100, 100).ofScale(12), Arbitraries.doubles().between(-1e12, 1e12),
        Arbitraries.of(0.0, -0.0, 1e-300, -1e-300, Double.MAX_VALUE, -Double.MAX_VALUE));
  }

  @Provide
  Arbitrary<Double> halfIntegers() {
    return Arbitraries.integers().between(-40, 40).map(i -> i + 0.5);
  }

  @Provide
  Arbitrary<Integer> ulps() {
    return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.of(-1, 1)).as((a, b) -> a * b);
  }
}
