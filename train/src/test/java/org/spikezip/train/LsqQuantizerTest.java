package org.spikezip.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.spikezip.quant.Quantizer;

/**
 * The LSQ operation against SPEC §2: values, round half up, and both gradients, on a hand-worked
 * example and on random inputs against the formulas evaluated in Java.
 */
class LsqQuantizerTest {

  /**
   * L=4 signed (codes [-2, 1]), s = 0.5, x = [-3, -0.26, 0.24, 0.25, 1.1, 5], loss = sum(w * y) with
   * w = [1, 2, 3, 4, 5, 6]:
   *
   * <pre>
   * x/s     = [-6, -0.52, 0.48, 0.5, 2.2, 10]
   * q       = [-2, -1, 0, 1, 1, 1]            (0.5 rounds half up to 1)
   * y = q s = [-1, -0.5, 0, 0.5, 0.5, 0.5]
   * dL/dx   = w * inside = [0, 2, 3, 4, 0, 0]
   * dL/ds   = g * (1*(-2) + 2*(-0.48) + 3*(-0.48) + 4*0.5 + 5*1 + 6*1) = 8.6 / sqrt(1 * 6)
   * </pre>
   */
  @Test
  void handExampleMatchesSpecFormulas() {
    try (NDManager m = TorchRuntime.newManager()) {
      NDArray x = m.create(new double[] {-3, -0.26, 0.24, 0.25, 1.1, 5});
      NDArray s = m.create(0.5);
      NDArray w = m.create(new double[] {1, 2, 3, 4, 5, 6});
      x.setRequiresGradient(true);
      s.setRequiresGradient(true);
      NDArray y = Autograd.recording(() -> {
        NDArray out = LsqQuantizer.apply(x, s, 4, true);
        Autograd.backward(out.mul(w).sum());
        return out;
      });
      assertThat(y.toDoubleArray()).containsExactly(-1, -0.5, 0, 0.5, 0.5, 0.5);
      assertThat(LsqQuantizer.codes(x, s, 4, true).toIntArray()).containsExactly(-2, -1, 0, 1, 1, 1);
      assertThat(x.getGradient().toDoubleArray()).containsExactly(0, 2, 3, 4, 0, 0);
      assertThat(s.getGradient().toDoubleArray()[0]).isCloseTo(8.6 / Math.sqrt(6), within(1e-12));
    }
  }

  @Test
  void randomInputsMatchTheFormulasAndTheCoreQuantizer() {
    Random r = new Random(7);
    for (int level : new int[] {2, 4, 8, 16, 32}) {
      for (boolean signed : new boolean[] {true, false}) {
        int n = 200;
        double step = 0.05 + r.nextDouble();
        double[] xs = new double[n];
        double[] ws = new double[n];
        for (int i = 0; i < n; i++) {
          xs[i] = (r.nextDouble() * 2 - 1) * level * step * 0.8;
          ws[i] = r.nextGaussian();
        }
        xs[0] = 2.5 * step; // exactly on a half: rounds up
        checkAgainstFormulas(xs, ws, step, level, signed);
      }
    }
  }

  private static void checkAgainstFormulas(double[] xs, double[] ws, double step, int level, boolean signed) {
    Quantizer core = new Quantizer(level, signed, step);
    double g = 1 / Math.sqrt(Math.max(1, Math.abs(core.qmax())) * (double) xs.length);
    double expectedDs = 0;
    double[] expectedY = new double[xs.length];
    double[] expectedDx = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      double v = xs[i] / step;
      int q = core.code(xs[i]);
      expectedY[i] = q * step;
      boolean inside = v >= core.qmin() && v <= core.qmax();
      expectedDx[i] = inside ? ws[i] : 0;
      expectedDs += ws[i] * (inside ? q - v : v < core.qmin() ? core.qmin() : core.qmax());
    }
    expectedDs *= g;
    try (NDManager m = TorchRuntime.newManager()) {
      NDArray x = m.create(xs);
      NDArray s = m.create(step);
      NDArray w = m.create(ws);
      x.setRequiresGradient(true);
      s.setRequiresGradient(true);
      NDArray y = Autograd.recording(() -> {
        NDArray out = LsqQuantizer.apply(x, s, level, signed);
        Autograd.backward(out.mul(w).sum());
        return out;
      });
      String what = "L=" + level + (signed ? " signed" : " unsigned");
      assertThat(positiveZero(y.toDoubleArray())).as("values, %s", what).containsExactly(positiveZero(expectedY));
      assertThat(positiveZero(x.getGradient().toDoubleArray())).as("dL/dx, %s", what)
          .containsExactly(positiveZero(expectedDx));
      assertThat(s.getGradient().toDoubleArray()[0]).as("dL/ds, %s", what)
          .isCloseTo(expectedDs, within(1e-12 * (1 + Math.abs(expectedDs))));
    }
  }

  /** The values with -0.0 made 0.0 (the sign of a zero carries no meaning here). */
  private static double[] positiveZero(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] + 0.0;
    }
    return out;
  }

  @Test
  void initialStepIsTwiceMeanAbsOverRootQmax() {
    try (NDManager m = TorchRuntime.newManager()) {
      NDArray x = m.create(new double[] {-2, 1, 0, 3});
      assertThat(LsqQuantizer.initialStep(x, 16, true)).isCloseTo(2 * 1.5 / Math.sqrt(7), within(1e-15));
      assertThat(LsqQuantizer.initialStep(x, 16, false)).isCloseTo(2 * 1.5 / Math.sqrt(15), within(1e-15));
      assertThat(LsqQuantizer.gradientScale(16, false, 10)).isCloseTo(1 / Math.sqrt(150), within(1e-15));
    }
  }

  @Test
  void weightQuantizationSnapsToSymmetricIntegersWithIdentityGradient() {
    try (NDManager m = TorchRuntime.newManager()) {
      double[] values = {-1.0, 0.3, 0.5, 0.05, 0.7};
      NDArray w = m.create(values);
      w.setRequiresGradient(true);
      NDArray y = Autograd.recording(() -> {
        NDArray out = WeightQuantizer.apply(w, 3);
        Autograd.backward(out.sum());
        return out;
      });
      // scale = 1/3; w/scale = -3, 0.9, 1.5, 0.15, 2.1 -> rint: -3, 1, 2, 0, 2
      double third = 1.0 / 3;
      assertThat(y.toDoubleArray()).containsExactly(new double[] {-3 * third, third, 2 * third, 0, 2 * third},
          within(1e-15));
      assertThat(WeightQuantizer.snap(values, 3)).containsExactly(y.toDoubleArray());
      assertThat(w.getGradient().toDoubleArray()).containsExactly(1, 1, 1, 1, 1);
    }
  }
}
