package org.spikezip.quant;

import java.util.Arrays;
import java.util.Map;
import org.spikezip.kernel.CanonicalFunctions;
import org.spikezip.kernel.ExactKernels;
import org.spikezip.kernel.Kernels;
import org.spikezip.model.LayerNormWeights;

/**
 * The dense steps the reference forward passes (ViT and encoder) share: LayerNorm rows, quantizing,
 * exact dense layers on codes, and attention on integer codes. Each is the canonical function the
 * spiking operators evaluate on running spike counts.
 */
final class QannOps {
  private static final ExactKernels KERNELS = Kernels.exact();

  private QannOps() {}

  static int[] record(Map<String, int[]> codes, String name, int[] value) {
    codes.put(name, value);
    return value;
  }

  static double[] layerNorm(double[] x, int rows, LayerNormWeights ln) {
    int w = ln.width();
    double[] y = new double[rows * w];
    for (int r = 0; r < rows; r++) {
      CanonicalFunctions.layerNorm(x, r * w, ln.gamma(), ln.beta(), ln.eps(), y, r * w);
    }
    return y;
  }

  static int[] quantize(double[] values, Quantizer q) {
    int[] codes = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      codes[i] = q.code(values[i]);
    }
    return codes;
  }

  /** Integer accumulators {@code M c} for the first {@code rows} rows of {@code codes}. */
  static double[] linear(ExactLinear lin, int[] codes, int rows) {
    double[] a = new double[rows * lin.in()];
    for (int i = 0; i < a.length; i++) {
      a[i] = codes[i];
    }
    double[] acc = new double[rows * lin.out()];
    lin.multiply(a, rows, acc);
    return acc;
  }

  static int[] linearCodes(ExactLinear lin, int[] in, int rows, Quantizer outQ) {
    double[] acc = linear(lin, in, rows);
    int[] codes = new int[acc.length];
    for (int i = 0; i < acc.length; i++) {
      codes[i] = outQ.code(lin.value(acc[i], i % lin.out()));
    }
    return codes;
  }

  /**
   * Attention codes {@code [heads, n, n]}: {@code Qattn(softmax(I * scoreScale + mask))} with the
   * integer scores {@code I = Sq . Sk} per head; {@code mask} is an additive per-key mask or null.
   */
  static int[] attention(int[] q, int[] k, int n, int d, int heads, double scoreScale, double[] mask, Quantizer attnQ) {
    int hd = d / heads;
    double[] qh = new double[n * hd];
    double[] khT = new double[hd * n];
    double[] dots = new double[n * n];
    double[] scores = new double[n];
    double[] probs = new double[n];
    int[] attn = new int[heads * n * n];
    for (int h = 0; h < heads; h++) {
      for (int t = 0; t < n; t++) {
        for (int e = 0; e < hd; e++) {
          qh[t * hd + e] = q[t * d + h * hd + e];
          khT[e * n + t] = k[t * d + h * hd + e];
        }
      }
      Arrays.fill(dots, 0);
      KERNELS.matmul(qh, n, hd, khT, n, dots);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          scores[j] = mask == null ? dots[i * n + j] * scoreScale : dots[i * n + j] * scoreScale + mask[j];
        }
        CanonicalFunctions.softmax(scores, 0, n, probs, 0);
        for (int j = 0; j < n; j++) {
          attn[(h * n + i) * n + j] = attnQ.code(probs[j]);
        }
      }
    }
    return attn;
  }

  /** Codes {@code [n, d]} of {@code Qav((A V) * valueScale)} with integer products per head. */
  static int[] attentionValues(int[] attn, int[] v, int n, int d, int heads, double valueScale, Quantizer avQ) {
    int hd = d / heads;
    int[] av = new int[n * d];
    double[] sum = new double[hd];
    for (int h = 0; h < heads; h++) {
      for (int i = 0; i < n; i++) {
        Arrays.fill(sum, 0);
        for (int j = 0; j < n; j++) {
          int a = attn[(h * n + i) * n + j];
          if (a != 0) {
            KERNELS.addInts(a, v, j * d + h * hd, sum, 0, hd);
          }
        }
        for (int e = 0; e < hd; e++) {
          av[i * d + h * hd + e] = avQ.code(sum[e] * valueScale);
        }
      }
    }
    return av;
  }
}
