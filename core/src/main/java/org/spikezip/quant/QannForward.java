package org.spikezip.quant;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spikezip.kernel.CanonicalFunctions;
import org.spikezip.kernel.ExactKernels;
import org.spikezip.kernel.Kernels;
import org.spikezip.model.LayerNormWeights;

/**
 * The reference forward pass of a {@link QuantizedVit}, dense and layer by layer (SPEC §3):
 *
 * <pre>
 * x = [cls; Qpe(conv(img)) ] + pos
 * per block: h = Qn1(LN1(x)); q,k,v = Qq(h Wq), Qk(h Wk), Qv(h Wv)
 *            a = Qattn(softmax(Qq*scale @ Qk^T)); x = x + Qproj(proj(Qav(a @ Qv)))
 *            x = x + Qfc2(fc2(Qact(fc1(Qn2(LN2(x))))))
 * logits = head(Qnorm(LN(x))[cls])
 * </pre>
 *
 * Every value is the canonical function of integer codes that the spiking operators evaluate on
 * their running sums; the SNN is compared against this pass.
 */
public final class QannForward {
  private static final ExactKernels KERNELS = Kernels.exact();
  private final QuantizedVit model;

  public QannForward(QuantizedVit model) {
    this.model = model;
  }

  /** Runs one image {@code [inChans, imgSize, imgSize]}. */
  public QannResult forward(double[] image) {
    var c = model.config();
    int n = c.numTokens();
    int d = c.embedDim();
    Map<String, int[]> codes = new LinkedHashMap<>();

    double[] conv = model.patchEmbed().project(image);
    int[] pe = new int[conv.length];
    Quantizer peQ = model.patchQuantizer();
    for (int i = 0; i < conv.length; i++) {
      pe[i] = peQ.code(conv[i] + model.patchEmbed().bias(i % d));
    }
    codes.put(QuantSite.PATCH_EMBED, pe);
    double[] x = new double[n * d];
    for (int i = 0; i < d; i++) {
      x[i] = model.clsToken(i) + model.posEmbed(0, i);
    }
    for (int t = 1; t < n; t++) {
      for (int i = 0; i < d; i++) {
        x[t * d + i] = peQ.value(pe[(t - 1) * d + i]) + model.posEmbed(t, i);
      }
    }
    for (int b = 0; b < model.blocks().size(); b++) {
      block(model.blocks().get(b), b, x, codes);
    }
    int[] normCodes = quantize(layerNorm(x, n, model.norm()), model.normQuantizer());
    codes.put(QuantSite.FINAL_NORM, normCodes);
    ExactLinear head = model.head();
    double[] acc = linear(head, normCodes, 1);
    double[] logits = new double[head.out()];
    for (int o = 0; o < logits.length; o++) {
      logits[o] = head.value(acc[o], o);
    }
    return new QannResult(logits, codes);
  }

  private void block(QuantizedBlock blk, int b, double[] x, Map<String, int[]> codes) {
    var c = model.config();
    int n = c.numTokens();
    int d = c.embedDim();
    int[] h = record(codes, QuantSite.NORM1.name(b), quantize(layerNorm(x, n, blk.norm1()), blk.quantizer(QuantSite.NORM1)));
    int[] q = record(codes, QuantSite.Q.name(b), linearCodes(blk.q(), h, n, blk.quantizer(QuantSite.Q)));
    int[] k = record(codes, QuantSite.K.name(b), linearCodes(blk.k(), h, n, blk.quantizer(QuantSite.K)));
    int[] v = record(codes, QuantSite.V.name(b), linearCodes(blk.v(), h, n, blk.quantizer(QuantSite.V)));
    int heads = c.numHeads();
    int hd = c.headDim();
    Quantizer attnQ = blk.quantizer(QuantSite.ATTN);
    double[] qh = new double[n * hd];
    double[] khT = new double[hd * n];
    double[] dots = new double[n * n];
    double[] scores = new double[n];
    double[] probs = new double[n];
    int[] attn = new int[heads * n * n];
    for (int hh = 0; hh < heads; hh++) {
      for (int t = 0; t < n; t++) {
        for (int e = 0; e < hd; e++) {
          qh[t * hd + e] = q[t * d + hh * hd + e];
          khT[e * n + t] = k[t * d + hh * hd + e];
        }
      }
      java.util.Arrays.fill(dots, 0);
      KERNELS.matmul(qh, n, hd, khT, n, dots);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          scores[j] = dots[i * n + j] * blk.scoreScale();
        }
        CanonicalFunctions.softmax(scores, 0, n, probs, 0);
        for (int j = 0; j < n; j++) {
          attn[(hh * n + i) * n + j] = attnQ.code(probs[j]);
        }
      }
    }
    codes.put(QuantSite.ATTN.name(b), attn);
    Quantizer avQ = blk.quantizer(QuantSite.ATTN_V);
    int[] av = new int[n * d];
    double[] sum = new double[hd];
    for (int hh = 0; hh < heads; hh++) {
      for (int i = 0; i < n; i++) {
        java.util.Arrays.fill(sum, 0);
        for (int j = 0; j < n; j++) {
          int a = attn[(hh * n + i) * n + j];
          if (a != 0) {
            KERNELS.addInts(a, v, j * d + hh * hd, sum, 0, hd);
          }
        }
        for (int e = 0; e < hd; e++) {
          av[i * d + hh * hd + e] = avQ.code(sum[e] * blk.attentionValueScale());
        }
      }
    }
    codes.put(QuantSite.ATTN_V.name(b), av);
    int[] proj = record(codes, QuantSite.PROJ.name(b), linearCodes(blk.proj(), av, n, blk.quantizer(QuantSite.PROJ)));
    addResidual(x, proj, blk.quantizer(QuantSite.PROJ));
    int[] h2 = record(codes, QuantSite.NORM2.name(b), quantize(layerNorm(x, n, blk.norm2()), blk.quantizer(QuantSite.NORM2)));
    int[] act = record(codes, QuantSite.ACT.name(b), linearCodes(blk.fc1(), h2, n, blk.quantizer(QuantSite.ACT)));
    int[] fc2 = record(codes, QuantSite.FC2.name(b), linearCodes(blk.fc2(), act, n, blk.quantizer(QuantSite.FC2)));
    addResidual(x, fc2, blk.quantizer(QuantSite.FC2));
  }

  private static int[] record(Map<String, int[]> codes, String name, int[] value) {
    codes.put(name, value);
    return value;
  }

  private static void addResidual(double[] x, int[] codes, Quantizer q) {
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] + q.value(codes[i]);
    }
  }

  private static double[] layerNorm(double[] x, int rows, LayerNormWeights ln) {
    int w = ln.width();
    double[] y = new double[rows * w];
    for (int r = 0; r < rows; r++) {
      CanonicalFunctions.layerNorm(x, r * w, ln.gamma(), ln.beta(), ln.eps(), y, r * w);
    }
    return y;
  }

  private static int[] quantize(double[] values, Quantizer q) {
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

  private static int[] linearCodes(ExactLinear lin, int[] in, int rows, Quantizer outQ) {
    double[] acc = linear(lin, in, rows);
    int[] codes = new int[acc.length];
    for (int i = 0; i < acc.length; i++) {
      codes[i] = outQ.code(lin.value(acc[i], i % lin.out()));
    }
    return codes;
  }
}
