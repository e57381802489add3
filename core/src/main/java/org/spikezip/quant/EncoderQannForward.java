package org.spikezip.quant;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikezip.kernel.CanonicalFunctions;
import org.spikezip.kernel.ExactKernels;
import org.spikezip.kernel.Kernels;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.LayerNormWeights;

/**
 * The reference forward pass of a {@link QuantizedEncoder}, dense and layer by layer:
 *
 * <pre>
 * S_emb = Qemb(embed(ids));  x = theta_emb * S_emb
 * per layer: q,k,v = Qq(x Wq), Qk(x Wk), Qv(x Wv)
 *            a = Qattn(softmax((Sq.Sk) * (s_q*scale*s_k) + mask));  o = Qao(attnOut(Qav((A.Sv) * s_a*s_v)))
 *            h = Qan(LN_attn(x + theta_ao * S_ao));  x = theta_an * S_an
 *            x = theta_on * Qon(LN_out(x + theta_out * Qout(out(Qinter(intermediate(x))))))
 * logits = classifier(S_final[0])
 * </pre>
 *
 * Residual sums are {@code theta_a * S_a + theta_b * S_b} ({@link Quantizer#value}), the expression
 * the SNN evaluates on its tracers; scores add the mask after scaling, as Spike-Softmax does. Code
 * layouts as in {@link QannResult}; attention codes are {@code [heads, n, n]}.
 */
public final class EncoderQannForward {
  private static final ExactKernels KERNELS = Kernels.exact();
  private final QuantizedEncoder model;

  public EncoderQannForward(QuantizedEncoder model) {
    this.model = model;
  }

  public QannResult forward(EncoderInput input) {
    int n = input.length();
    Map<String, int[]> codes = new LinkedHashMap<>();
    Quantizer inQ = model.embeddingQuantizer();
    int[] x = quantize(model.embed(input), inQ);
    codes.put(EncoderSite.EMBEDDINGS, x);
    double[] mask = QuantizedEncoder.additiveMask(input.mask());
    for (int l = 0; l < model.layers().size(); l++) {
      QuantizedEncoderLayer layer = model.layers().get(l);
      x = layer(layer, l, x, inQ, n, mask, codes);
      inQ = layer.quantizer(EncoderSite.OUT_NORM);
    }
    ExactLinear cls = model.classifier();
    double[] acc = QannForward.linear(cls, x, 1);
    double[] logits = new double[cls.out()];
    for (int o = 0; o < logits.length; o++) {
      logits[o] = cls.value(acc[o], o);
    }
    return new QannResult(logits, codes);
  }

  private int[] layer(QuantizedEncoderLayer p, int l, int[] x, Quantizer inQ, int n, double[] mask,
      Map<String, int[]> codes) {
    int d = model.config().hidden();
    int[] q = put(codes, EncoderSite.Q.name(l), linearCodes(p.q(), x, n, p.quantizer(EncoderSite.Q)));
    int[] k = put(codes, EncoderSite.K.name(l), linearCodes(p.k(), x, n, p.quantizer(EncoderSite.K)));
    int[] v = put(codes, EncoderSite.V.name(l), linearCodes(p.v(), x, n, p.quantizer(EncoderSite.V)));
    int heads = model.config().heads();
    int hd = model.config().headDim();
    Quantizer attnQ = p.quantizer(EncoderSite.ATTN);
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
          scores[j] = dots[i * n + j] * p.scoreScale() + mask[j];
        }
        CanonicalFunctions.softmax(scores, 0, n, probs, 0);
        for (int j = 0; j < n; j++) {
          attn[(h * n + i) * n + j] = attnQ.code(probs[j]);
        }
      }
    }
    codes.put(EncoderSite.ATTN.name(l), attn);
    Quantizer avQ = p.quantizer(EncoderSite.ATTN_V);
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
          av[i * d + h * hd + e] = avQ.code(sum[e] * p.attentionValueScale());
        }
      }
    }
    codes.put(EncoderSite.ATTN_V.name(l), av);
    Quantizer aoQ = p.quantizer(EncoderSite.ATTN_OUT);
    int[] ao = put(codes, EncoderSite.ATTN_OUT.name(l), linearCodes(p.attnOut(), av, n, aoQ));
    Quantizer anQ = p.quantizer(EncoderSite.ATTN_NORM);
    int[] an = put(codes, EncoderSite.ATTN_NORM.name(l),
        quantize(layerNorm(residual(x, inQ, ao, aoQ), n, p.attnNorm()), anQ));
    int[] inter = put(codes, EncoderSite.INTER.name(l),
        linearCodes(p.intermediate(), an, n, p.quantizer(EncoderSite.INTER)));
    Quantizer outQ = p.quantizer(EncoderSite.OUT);
    int[] out = put(codes, EncoderSite.OUT.name(l), linearCodes(p.out(), inter, n, outQ));
    return put(codes, EncoderSite.OUT_NORM.name(l),
        quantize(layerNorm(residual(an, anQ, out, outQ), n, p.outNorm()), p.quantizer(EncoderSite.OUT_NORM)));
  }

  /** {@code theta_a * S_a + theta_b * S_b}, element by element (the canonical residual sum). */
  static double[] residual(int[] a, Quantizer qa, int[] b, Quantizer qb) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = qa.value(a[i]) + qb.value(b[i]);
    }
    return y;
  }

  private static int[] put(Map<String, int[]> codes, String name, int[] value) {
    codes.put(name, value);
    return value;
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
    int[] c = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      c[i] = q.code(values[i]);
    }
    return c;
  }

  private static int[] linearCodes(ExactLinear lin, int[] in, int rows, Quantizer outQ) {
    double[] acc = QannForward.linear(lin, in, rows);
    int[] c = new int[acc.length];
    for (int i = 0; i < acc.length; i++) {
      c[i] = outQ.code(lin.value(acc[i], i % lin.out()));
    }
    return c;
  }
}
