package org.spikezip.kernel.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.spikezip.kernel.Kernels;
import org.spikezip.kernel.ScalarKernels;

/** The vector kernels agree bit for bit with the scalar reference on exact (integer) operands. */
class VectorKernelsPropertyTest {
  private final VectorKernels vector = new VectorKernels();

  @Test
  void isChosenWhenAvailable() {
    assertThat(Kernels.exact().name()).startsWith("vector");
  }

  @Property(tries = 300)
  void axpyAgrees(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll @IntRange(min = 0, max = 7) int xOff,
      @ForAll @IntRange(min = 0, max = 7) int yOff, @ForAll boolean negative, @ForAll long seed) {
    Random r = new Random(seed);
    double[] x = integers(r, n + xOff, 1L << 40);
    double[] y = integers(r, n + yOff, 1L << 50);
    double[] y2 = y.clone();
    double a = negative ? -1 : 1 + r.nextInt(15);
    ScalarKernels.INSTANCE.axpy(a, x, xOff, y, yOff, n);
    vector.axpy(a, x, xOff, y2, yOff, n);
    assertThat(y2).isEqualTo(y);
  }

  @Property(tries = 300)
  void addIntsAgrees(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll @IntRange(min = 0, max = 7) int xOff,
      @ForAll @IntRange(min = 0, max = 7) int yOff, @ForAll boolean negative, @ForAll long seed) {
    Random r = new Random(seed);
    int[] x = new int[n + xOff];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextInt(65) - 32;
    }
    double[] y = integers(r, n + yOff, 1L << 30);
    double[] y2 = y.clone();
    int sign = negative ? -1 : 1;
    ScalarKernels.INSTANCE.addInts(sign, x, xOff, y, yOff, n);
    vector.addInts(sign, x, xOff, y2, yOff, n);
    assertThat(y2).isEqualTo(y);
  }

  @Property(tries = 200)
  void matmulAgrees(@ForAll @IntRange(min = 0, max = 11) int rows, @ForAll @IntRange(min = 0, max = 40) int inner,
      @ForAll @IntRange(min = 0, max = 70) int out, @ForAll long seed) {
    Random r = new Random(seed);
    double[] a = integers(r, rows * inner, 16);
    double[] b = integers(r, inner * out, 1L << 44);
    double[] c = integers(r, rows * out, 1L << 40);
    double[] c2 = c.clone();
    ScalarKernels.INSTANCE.matmul(a, rows, inner, b, out, c);
    vector.matmul(a, rows, inner, b, out, c2);
    assertThat(c2).isEqualTo(c);
  }

  private static double[] integers(Random r, int n, long bound) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextLong() % bound;
    }
    return v;
  }
}
