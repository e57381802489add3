package org.spikezip.kernel.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.spikezip.kernel.ExactKernels;

/**
 * {@link ExactKernels} on the platform's widest double vectors. The operands are integer-valued and
 * their sums stay within 2^53, so products and sums are exact and these loops give the same bits as
 * the scalar reference, whatever the lane count.
 */
public final class VectorKernels implements ExactKernels {
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
  /** Ints in the shape whose conversion fills one double vector. */
  private static final VectorSpecies<Integer> INTS =
      VectorSpecies.of(int.class, jdk.incubator.vector.VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

  @Override
  public void axpy(double a, double[] x, int xOff, double[] y, int yOff, int n) {
    int lanes = DOUBLES.length();
    int i = 0;
    for (; i <= n - lanes; i += lanes) {
      DoubleVector.fromArray(DOUBLES, x, xOff + i).mul(a)
          .add(DoubleVector.fromArray(DOUBLES, y, yOff + i))
          .intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  @Override
  public void addInts(int sign, int[] x, int xOff, double[] y, int yOff, int n) {
    int lanes = DOUBLES.length();
    int i = 0;
    double s = sign;
    for (; i <= n - lanes; i += lanes) {
      DoubleVector xd = (DoubleVector) IntVector.fromArray(INTS, x, xOff + i)
          .convertShape(VectorOperators.I2D, DOUBLES, 0);
      xd.mul(s).add(DoubleVector.fromArray(DOUBLES, y, yOff + i)).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += sign * x[xOff + i];
    }
  }

  @Override
  public String name() {
    return "vector-" + DOUBLES.vectorBitSize();
  }
}
