package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.spikezip.quant.Quantizer;

/**
 * The LSQ activation quantizer of SPEC §2 as a differentiable DJL operation, with its forward value
 * and its gradients stated exactly rather than left to autograd.
 *
 * <pre>
 * forward   q = clamp(floor(x/s + 0.5), qmin, qmax)      (round half up, as the core's Quantizer)
 *           y = q * s
 * backward  dy/dx = 1 if qmin &lt;= x/s &lt;= qmax, else 0                    (straight-through)
 *           dy/ds = g * (q - x/s) inside, g * qmin below, g * qmax above
 *           g     = 1 / sqrt(|qmax| * numel(x))                          (numel includes the batch)
 * init      s = 2 * mean|x| / sqrt(|qmax|)
 * </pre>
 *
 * <p>libtorch has no custom autograd functions reachable from DJL, so the operation is written as
 * {@code y + (t - detach(t))} with the surrogate {@code t = x * inside + s * gs}, where {@code inside}
 * and {@code gs = g * (q - (x/s) * inside)} are detached. The bracket is exactly zero in any float
 * format, so the value is the quantized {@code y} bit for bit, while the gradients are those of
 * {@code t}: {@code inside} for x and {@code sum(gs * upstream)} for s. (Below the range
 * {@code q = qmin} and {@code inside = 0}, so {@code gs = g * qmin}; above, {@code g * qmax}.)
 *
 * <p>Levels and bounds come from the core's {@link Quantizer}: signed {@code [-L/2, L/2 - 1]},
 * unsigned {@code [0, L - 1]}. For the one case with {@code qmax = 0} (signed, L=2) the formulas
 * would divide by zero; {@code |qmax|} is taken as 1 there.
 */
public final class LsqQuantizer {
  private LsqQuantizer() {}

  /**
   * The quantized values {@code clamp(floor(x/s + 0.5), qmin, qmax) * s} with the LSQ gradients.
   *
   * @param x activations of any shape
   * @param s the step, a scalar array of x's type
   */
  public static NDArray apply(NDArray x, NDArray s, int level, boolean signed) {
    Quantizer bounds = new Quantizer(level, signed, 1.0);
    int qmin = bounds.qmin();
    int qmax = bounds.qmax();
    double g = gradientScale(level, signed, x.size());
    NDArray xd = x.stopGradient();
    NDArray sd = s.stopGradient();
    NDArray v = xd.div(sd);
    NDArray q = v.add(0.5).floor().clip(qmin, qmax);
    NDArray y = q.mul(sd);
    NDArray inside = v.gte(qmin).logicalAnd(v.lte(qmax)).toType(x.getDataType(), false);
    NDArray gs = q.sub(v.mul(inside)).muli(g);
    NDArray surrogate = inside.mul(x).add(gs.mul(s));
    return y.add(surrogate.sub(surrogate.stopGradient()));
  }

  /** The integer codes {@code clamp(floor(x/s + 0.5), qmin, qmax)} as an int32 array. */
  public static NDArray codes(NDArray x, NDArray s, int level, boolean signed) {
    Quantizer bounds = new Quantizer(level, signed, 1.0);
    return x.stopGradient().div(s.stopGradient()).add(0.5).floor().clip(bounds.qmin(), bounds.qmax())
        .toType(DataType.INT32, false);
  }

  /** LSQ's gradient scale {@code g = 1 / sqrt(|qmax| * numel)}. */
  public static double gradientScale(int level, boolean signed, long numel) {
    return 1.0 / Math.sqrt((double) positiveQmax(level, signed) * numel);
  }

  /** LSQ's initial step {@code 2 * mean|x| / sqrt(|qmax|)}, or 1e-3 if x is all zeros. */
  public static double initialStep(NDArray x, int level, boolean signed) {
    double meanAbs;
    try (NDArray m = x.stopGradient().abs().mean()) {
      meanAbs = NdValues.scalar(m);
    }
    double s = 2 * meanAbs / Math.sqrt(positiveQmax(level, signed));
    return s > 0 && Double.isFinite(s) ? s : 1e-3;
  }

  /** {@code |qmax|}, or 1 where it is 0. */
  private static int positiveQmax(int level, boolean signed) {
    return Math.max(1, Math.abs(new Quantizer(level, signed, 1.0).qmax()));
  }
}
