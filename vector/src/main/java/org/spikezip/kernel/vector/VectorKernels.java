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

  /**
   * Register-blocked: four rows of {@code a} times two vectors of {@code b} per inner step (eight
   * accumulators); edges fall back to {@link #axpy}. FMA is exact here like every other operation.
   */
  @Override
  public void matmul(double[] a, int rows, int inner, double[] b, int out, double[] c) {
    int lanes = DOUBLES.length();
    int block = 2 * lanes;
    int fullCols = out - out % block;
    int fullRows = rows - rows % 4;
    // Column panels outermost: one panel of b ([inner, 2 vectors]) stays in cache for all rows.
    for (int o = 0; o < fullCols; o += block) {
      for (int r = 0; r < fullRows; r += 4) {
        fourRowsTwoVectors(a, r, inner, b, out, c, o);
      }
    }
    for (int r = 0; r < fullRows; r++) {
      edgeColumns(a, r, inner, b, out, c, fullCols);
    }
    for (int r = fullRows; r < rows; r++) {
      for (int k = 0; k < inner; k++) {
        double v = a[r * inner + k];
        if (v != 0) {
          axpy(v, b, k * out, c, r * out, out);
        }
      }
    }
  }

  private static void fourRowsTwoVectors(double[] a, int r, int inner, double[] b, int out, double[] c, int o) {
    int lanes = DOUBLES.length();
    DoubleVector c00 = DoubleVector.fromArray(DOUBLES, c, r * out + o);
    DoubleVector c01 = DoubleVector.fromArray(DOUBLES, c, r * out + o + lanes);
    DoubleVector c10 = DoubleVector.fromArray(DOUBLES, c, (r + 1) * out + o);
    DoubleVector c11 = DoubleVector.fromArray(DOUBLES, c, (r + 1) * out + o + lanes);
    DoubleVector c20 = DoubleVector.fromArray(DOUBLES, c, (r + 2) * out + o);
    DoubleVector c21 = DoubleVector.fromArray(DOUBLES, c, (r + 2) * out + o + lanes);
    DoubleVector c30 = DoubleVector.fromArray(DOUBLES, c, (r + 3) * out + o);
    DoubleVector c31 = DoubleVector.fromArray(DOUBLES, c, (r + 3) * out + o + lanes);
    int a0 = r * inner;
    int a1 = a0 + inner;
    int a2 = a1 + inner;
    int a3 = a2 + inner;
    for (int k = 0; k < inner; k++) {
      DoubleVector b0 = DoubleVector.fromArray(DOUBLES, b, k * out + o);
      DoubleVector b1 = DoubleVector.fromArray(DOUBLES, b, k * out + o + lanes);
      DoubleVector v0 = DoubleVector.broadcast(DOUBLES, a[a0 + k]);
      DoubleVector v1 = DoubleVector.broadcast(DOUBLES, a[a1 + k]);
      DoubleVector v2 = DoubleVector.broadcast(DOUBLES, a[a2 + k]);
      DoubleVector v3 = DoubleVector.broadcast(DOUBLES, a[a3 + k]);
      c00 = b0.fma(v0, c00);
      c01 = b1.fma(v0, c01);
      c10 = b0.fma(v1, c10);
      c11 = b1.fma(v1, c11);
      c20 = b0.fma(v2, c20);
      c21 = b1.fma(v2, c21);
      c30 = b0.fma(v3, c30);
      c31 = b1.fma(v3, c31);
    }
    c00.intoArray(c, r * out + o);
    c01.intoArray(c, r * out + o + lanes);
    c10.intoArray(c, (r + 1) * out + o);
    c11.intoArray(c, (r + 1) * out + o + lanes);
    c20.intoArray(c, (r + 2) * out + o);
    c21.intoArray(c, (r + 2) * out + o + lanes);
    c30.intoArray(c, (r + 3) * out + o);
    c31.intoArray(c, (r + 3) * out + o + lanes);
  }

  private static void edgeColumns(double[] a, int r, int inner, double[] b, int out, double[] c, int from) {
    if (from == out) {
      return;
    }
    for (int k = 0; k < inner; k++) {
      double v = a[r * inner + k];
      if (v != 0) {
        for (int o = from; o < out; o++) {
          c[r * out + o] += v * b[k * out + o];
        }
      }
    }
  }

  @Override
  public String name() {
    return "vector-" + DOUBLES.vectorBitSize();
  }
}
