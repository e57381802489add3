package org.spikezip.quant;

import org.spikezip.kernel.ExactKernels;
import org.spikezip.kernel.Kernels;
import org.spikezip.kernel.SparseColumns;
import org.spikezip.model.LinearWeights;

/**
 * A dense layer driven by integer codes whose sums are exact: {@code y = (M c) * (g * s_in) + b}.
 *
 * <p>{@code M} holds integer-valued weight mantissas, {@code g} a per-layer scale and {@code s_in}
 * the step of the quantizer that feeds the layer, so {@code M c} is a sum of integers. The mantissas
 * are chosen so that {@code sum_i |M[o,i]| * maxAbsCode <= 2^53} for every output: then every
 * partial sum is an integer a double holds exactly, and the result does not depend on the order in
 * which codes (QANN) or spikes (SNN, one step at a time) arrive. This is what makes the SNN's
 * accumulated input bit-identical to the QANN's (SPEC §5).
 *
 * <p>Weights are stored transposed, {@code [in, out]}, so that one input spike adds one contiguous
 * row.
 */
public final class ExactLinear {
  /** Output columns processed together, so that the rows being updated stay in cache. */
  private static final int TILE = 256;
  /** Mantissa headroom: sums stay below 2^51 + in * maxCode / 2, well inside 2^53. */
  private static final int GRID_BITS = 50;
  private static final ExactKernels KERNELS = Kernels.exact();

  private final int out;
  private final int in;
  private final double[] mantissaT;
  private final double gridScale;
  private final double[] bias;
  private final double outScale;

  private ExactLinear(int out, int in, double[] mantissaT, double gridScale, double[] bias, Quantizer input) {
    this.out = out;
    this.in = in;
    this.mantissaT = mantissaT;
    this.gridScale = gridScale;
    this.bias = bias;
    this.outScale = gridScale * input.step();
    checkExactness(input.maxAbsCode());
  }

  /** Snaps float weights to the representation {@code precision} asks for. */
  public static ExactLinear of(LinearWeights w, Quantizer input, WeightPrecision precision) {
    double scale = precision.kind() == WeightPrecision.Kind.GRID
        ? gridScale(w, input.maxAbsCode())
        : integerScale(w, precision.bits());
    double limit = precision.kind() == WeightPrecision.Kind.GRID
        ? Double.MAX_VALUE
        : (1 << (precision.bits() - 1)) - 1;
    double[] mT = new double[w.out() * w.in()];
    for (int o = 0; o < w.out(); o++) {
      for (int i = 0; i < w.in(); i++) {
        double m = Math.rint(w.weight(o, i) / scale);
        mT[i * w.out() + o] = Math.max(-limit, Math.min(limit, m));
      }
    }
    return new ExactLinear(w.out(), w.in(), mT, scale, w.bias().clone(), input);
  }

  /**
   * Rebuilds a layer from stored mantissas {@code [out, in]} (as {@link #mantissas()} gives them).
   *
   * @throws IllegalArgumentException if a mantissa is not an integer or the sums could be inexact
   */
  public static ExactLinear fromMantissas(
      int out, int in, double[] mantissas, double gridScale, double[] bias, Quantizer input) {
    if (mantissas.length != out * in || bias.length != out) {
      throw new IllegalArgumentException("mantissas must be " + out + "x" + in + " and bias " + out);
    }
    if (!(gridScale > 0) || Double.isInfinite(gridScale)) {
      throw new IllegalArgumentException("grid scale must be positive and finite, got " + gridScale);
    }
    double[] mT = new double[out * in];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        double m = mantissas[o * in + i];
        if (m != Math.rint(m)) {
          throw new IllegalArgumentException("weight mantissa [" + o + "," + i + "] is not an integer: " + m);
        }
        mT[i * out + o] = m;
      }
    }
    return new ExactLinear(out, in, mT, gridScale, bias.clone(), input);
  }

  private static double gridScale(LinearWeights w, int maxAbsCode) {
    double maxRowL1 = 0;
    for (int o = 0; o < w.out(); o++) {
      double l1 = 0;
      for (int i = 0; i < w.in(); i++) {
        l1 += Math.abs(w.weight(o, i));
      }
      maxRowL1 = Math.max(maxRowL1, l1);
    }
    if (maxRowL1 == 0) {
      return 1.0;
    }
    return Math.scalb(1.0, Math.getExponent(maxRowL1 * maxAbsCode) + 1 - GRID_BITS);
  }

  private static double integerScale(LinearWeights w, int bits) {
    double maxAbs = 0;
    for (double v : w.weight()) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    return maxAbs == 0 ? 1.0 : maxAbs / ((1 << (bits - 1)) - 1);
  }

  private void checkExactness(int maxAbsCode) {
    double[] l1 = new double[out];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        l1[o] += Math.abs(mantissaT[i * out + o]);
      }
    }
    for (int o = 0; o < out; o++) {
      if (l1[o] * maxAbsCode > 0x1p53) {
        throw new IllegalArgumentException("output " + o + ": |mantissas| sum " + l1[o] + " times max code "
            + maxAbsCode + " exceeds 2^53, sums would not be exact");
      }
    }
  }

  public int out() {
    return out;
  }

  public int in() {
    return in;
  }

  /** The per-layer weight scale g (a power of two in grid mode). */
  public double gridScale() {
    return gridScale;
  }

  /** The factor from accumulated mantissa sums to output values: {@code g * s_in}. */
  public double outScale() {
    return outScale;
  }

  public double bias(int o) {
    return bias[o];
  }

  public double[] biases() {
    return bias.clone();
  }

  /** The integer mantissas in PyTorch layout {@code [out, in]}. */
  public double[] mantissas() {
    double[] m = new double[out * in];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        m[o * in + i] = mantissaT[i * out + o];
      }
    }
    return m;
  }

  /** The effective weight {@code M[o,i] * g}. */
  public double weight(int o, int i) {
    return mantissaT[i * out + o] * gridScale;
  }

  /**
   * {@code acc[row, o] += mult * M[o, col]} for every entry of {@code x} in a row below
   * {@code rowLimit}; {@code acc} is {@code [rows, out]}. Exact, so the order of entries and tiles does
   * not matter.
   */
  public void accumulate(SparseColumns x, double[] acc, int rowLimit) {
    for (int o0 = 0; o0 < out; o0 += TILE) {
      int n = Math.min(TILE, out - o0);
      for (int c = 0; c < in; c++) {
        int end = x.columnEnd(c);
        int wOff = c * out + o0;
        for (int k = x.columnStart(c); k < end; k++) {
          int row = x.row(k);
          if (row < rowLimit) {
            KERNELS.axpy(x.mult(k), mantissaT, wOff, acc, row * out + o0, n);
          }
        }
      }
    }
  }

  /**
   * {@code acc[row, o] += sum_i M[o, i] * codes[row, i]} for dense integer codes {@code [rows, in]}
   * (the QANN, and SNN steps in which many inputs spike); exact, so it equals any sum of the same
   * terms in any order.
   */
  public void multiply(double[] codes, int rows, double[] acc) {
    KERNELS.matmul(codes, rows, in, mantissaT, out, acc);
  }

  /** The canonical output value of accumulator {@code acc} at output {@code o}. */
  public double value(double acc, int o) {
    return acc * outScale + bias[o];
  }
}
