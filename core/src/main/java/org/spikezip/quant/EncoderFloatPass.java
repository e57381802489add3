package org.spikezip.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.kernel.CanonicalFunctions;
import org.spikezip.model.Activation;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderInput;
import org.spikezip.model.EncoderLayerWeights;
import org.spikezip.model.EncoderWeights;
import org.spikezip.model.LayerNormWeights;
import org.spikezip.model.LinearWeights;

/**
 * The float forward pass of a post-LN ReLU encoder over a batch of sequences, with a hook at every
 * quantizer place (by the names of {@link QuantizedEncoder#quantizers()}) that may rewrite the
 * batch's values there in place: identity for the float model, fake quantization for calibration.
 *
 * <pre>
 * x = hook(emb, LN_emb(word + position + type))                (QuantizedEncoder#embed)
 * per layer: q,k,v = hook(x Wq), hook(x Wk), hook(x Wv)
 *            a = hook(softmax(q*scale @ k^T + mask));  o = hook(attnOut(hook(a @ v)))
 *            h = hook(LN_attn(x + o));  x = hook(LN_out(h + hook(out(relu(hook(intermediate(h)))))))
 * logits = head.readout(head.firstLayer(x[0]))
 * </pre>
 *
 * Not the exact path (that is {@link EncoderQannForward}); the reference for accuracy and steps.
 */
public final class EncoderFloatPass {
  private final EncoderWeights w;
  private final BiConsumer<String, double[][]> hook;

  private EncoderFloatPass(EncoderWeights w, BiConsumer<String, double[][]> hook) {
    this.w = w;
    this.hook = hook;
  }

  /** The logits {@code [batch][classes]}; {@code hook} sees each place's values {@code [batch][n * width]}. */
  public static double[][] logits(EncoderWeights w, List<EncoderInput> inputs, BiConsumer<String, double[][]> hook)
      throws UnsupportedModelException {
    if (w.config().activation() != Activation.RELU) {
      throw new UnsupportedModelException("the float encoder pass supports ReLU only, got " + w.config().activation());
    }
    return new EncoderFloatPass(w, hook).run(inputs);
  }

  /** The float model's logits, no quantization. */
  public static double[][] logits(EncoderWeights w, List<EncoderInput> inputs) throws UnsupportedModelException {
    return logits(w, inputs, (name, values) -> { });
  }

  private double[][] run(List<EncoderInput> inputs) {
    EncoderConfig c = w.config();
    int batch = inputs.size();
    int d = c.hidden();
    int[] len = new int[batch];
    double[][] masks = new double[batch][];
    double[][] x = new double[batch][];
    for (int b = 0; b < batch; b++) {
      EncoderInput in = inputs.get(b);
      len[b] = in.length();
      masks[b] = QuantizedEncoder.additiveMask(in.mask());
      x[b] = QuantizedEncoder.embed(w, in);
    }
    x = site(EncoderSite.EMBEDDINGS, x);
    for (int l = 0; l < c.layers(); l++) {
      x = layer(l, w.layers().get(l), x, len, masks);
    }
    double[][] logits = new double[batch][];
    for (int b = 0; b < batch; b++) {
      double[] row = new double[d];
      System.arraycopy(x[b], 0, row, 0, d);
      logits[b] = new double[c.numClasses()];
      w.head().readout(linear(w.head().firstLayer(), row), logits[b]);
    }
    return logits;
  }

  private double[][] layer(int l, EncoderLayerWeights p, double[][] x, int[] len, double[][] masks) {
    EncoderConfig c = w.config();
    int d = c.hidden();
    int hd = c.headDim();
    int batch = x.length;
    double[][] q = site(EncoderSite.Q.name(l), linear(p.q(), x));
    double[][] k = site(EncoderSite.K.name(l), linear(p.k(), x));
    double[][] v = site(EncoderSite.V.name(l), linear(p.v(), x));
    double scale = c.attentionScale();
    double[][] attn = new double[batch][];
    for (int b = 0; b < batch; b++) {
      int n = len[b];
      double[] a = new double[c.heads() * n * n];
      double[] scores = new double[n];
      for (int h = 0; h < c.heads(); h++) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            double dot = 0;
            for (int e = 0; e < hd; e++) {
              dot += q[b][i * d + h * hd + e] * scale * k[b][j * d + h * hd + e];
            }
            scores[j] = dot + masks[b][j];
          }
          CanonicalFunctions.softmax(scores, 0, n, a, (h * n + i) * n);
        }
      }
      attn[b] = a;
    }
    attn = site(EncoderSite.ATTN.name(l), attn);
    double[][] av = new double[batch][];
    for (int b = 0; b < batch; b++) {
      int n = len[b];
      av[b] = new double[n * d];
      for (int h = 0; h < c.heads(); h++) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            double a = attn[b][(h * n + i) * n + j];
            for (int e = 0; e < hd; e++) {
              av[b][i * d + h * hd + e] += a * v[b][j * d + h * hd + e];
            }
          }
        }
      }
    }
    av = site(EncoderSite.ATTN_V.name(l), av);
    double[][] o = site(EncoderSite.ATTN_OUT.name(l), linear(p.attnOut(), av));
    double[][] h = site(EncoderSite.ATTN_NORM.name(l), layerNorm(add(x, o), p.attnNorm()));
    double[][] inter = site(EncoderSite.INTER.name(l), linear(p.intermediate(), h));
    for (double[] row : inter) {
      for (int i = 0; i < row.length; i++) {
        row[i] = Math.max(0, row[i]);
      }
    }
    double[][] out = site(EncoderSite.OUT.name(l), linear(p.out(), inter));
    return site(EncoderSite.OUT_NORM.name(l), layerNorm(add(h, out), p.outNorm()));
  }

  private double[][] site(String name, double[][] values) {
    hook.accept(name, values);
    return values;
  }

  private static double[][] add(double[][] a, double[][] b) {
    double[][] y = new double[a.length][];
    for (int r = 0; r < a.length; r++) {
      y[r] = new double[a[r].length];
      for (int i = 0; i < y[r].length; i++) {
        y[r][i] = a[r][i] + b[r][i];
      }
    }
    return y;
  }

  private static double[][] layerNorm(double[][] x, LayerNormWeights ln) {
    int wd = ln.width();
    double[][] y = new double[x.length][];
    for (int b = 0; b < x.length; b++) {
      y[b] = new double[x[b].length];
      for (int r = 0; r < x[b].length / wd; r++) {
        CanonicalFunctions.layerNorm(x[b], r * wd, ln.gamma(), ln.beta(), ln.eps(), y[b], r * wd);
      }
    }
    return y;
  }

  private static double[][] linear(LinearWeights lw, double[][] x) {
    List<double[]> out = new ArrayList<>();
    for (double[] rows : x) {
      int n = rows.length / lw.in();
      double[] y = new double[n * lw.out()];
      double[] row = new double[lw.in()];
      for (int t = 0; t < n; t++) {
        System.arraycopy(rows, t * lw.in(), row, 0, lw.in());
        System.arraycopy(linear(lw, row), 0, y, t * lw.out(), lw.out());
      }
      out.add(y);
    }
    return out.toArray(new double[0][]);
  }

  private static double[] linear(LinearWeights lw, double[] x) {
    double[] y = new double[lw.out()];
    for (int o = 0; o < lw.out(); o++) {
      double s = lw.bias()[o];
      for (int i = 0; i < lw.in(); i++) {
        s += lw.weight(o, i) * x[i];
      }
      y[o] = s;
    }
    return y;
  }
}
