package org.spikezip.quant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.kernel.CanonicalFunctions;
import org.spikezip.model.LayerNormWeights;
import org.spikezip.model.LinearWeights;
import org.spikezip.model.VitBlockWeights;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;

/**
 * Initial quantizer steps for a float ViT, as LSQ initialises them (SPEC §2):
 * {@code s = 2 * mean|x| / sqrt(qmax)} over a calibration batch, quantizer after quantizer, each
 * seeing the activations already quantized by the ones before it.
 *
 * <p>A float forward pass with fake quantization; it serves calibration (benchmarks, tests, a
 * starting point for QAT), not exactness.
 */
public final class StepCalibrator {
  private final VitWeights w;
  private final int level;
  private final Map<String, Double> steps = new LinkedHashMap<>();

  private StepCalibrator(VitWeights w, int level) {
    this.w = w;
    this.level = level;
  }

  public static QuantizerSteps calibrate(VitWeights w, int level, List<double[]> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("calibration needs at least one image");
    }
    StepCalibrator c = new StepCalibrator(w, level);
    c.run(images);
    return new QuantizerSteps(c.steps);
  }

  private void run(List<double[]> images) {
    VitConfig c = w.config();
    int n = c.numTokens();
    int d = c.embedDim();
    int batch = images.size();
    PatchProjection patch = new PatchProjection(c, w.patchEmbed());
    double[][] pe = new double[batch][];
    for (int b = 0; b < batch; b++) {
      double[] conv = patch.project(images.get(b));
      for (int i = 0; i < conv.length; i++) {
        conv[i] += patch.bias(i % d);
      }
      pe[b] = conv;
    }
    fakeQuantize(QuantSite.PATCH_EMBED, true, pe);
    double[][] x = new double[batch][n * d];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < d; i++) {
        x[b][i] = w.clsToken()[i] + w.posEmbed()[i];
      }
      for (int i = d; i < n * d; i++) {
        x[b][i] = pe[b][i - d] + w.posEmbed()[i];
      }
    }
    for (int blk = 0; blk < c.depth(); blk++) {
      block(blk, w.blocks().get(blk), x);
    }
    fakeQuantize(QuantSite.FINAL_NORM, true, layerNorm(x, w.norm()));
  }

  private void block(int blk, VitBlockWeights bw, double[][] x) {
    VitConfig c = w.config();
    int n = c.numTokens();
    int d = c.embedDim();
    int hd = c.headDim();
    int batch = x.length;
    double[][] h = fakeQuantize(QuantSite.NORM1.name(blk), true, layerNorm(x, bw.norm1()));
    double[][] q = fakeQuantize(QuantSite.Q.name(blk), true, linear(h, bw.qkv().rows(0, d)));
    double[][] k = fakeQuantize(QuantSite.K.name(blk), true, linear(h, bw.qkv().rows(d, d)));
    double[][] v = fakeQuantize(QuantSite.V.name(blk), true, linear(h, bw.qkv().rows(2 * d, d)));
    double scale = 1.0 / Math.sqrt(hd);
    double[][] attn = new double[batch][c.numHeads() * n * n];
    for (int b = 0; b < batch; b++) {
      double[] row = new double[n];
      for (int hh = 0; hh < c.numHeads(); hh++) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            double s = 0;
            for (int e = 0; e < hd; e++) {
              s += q[b][i * d + hh * hd + e] * scale * k[b][j * d + hh * hd + e];
            }
            row[j] = s;
          }
          CanonicalFunctions.softmax(row, 0, n, attn[b], (hh * n + i) * n);
        }
      }
    }
    fakeQuantize(QuantSite.ATTN.name(blk), false, attn);
    double[][] av = new double[batch][n * d];
    for (int b = 0; b < batch; b++) {
      for (int hh = 0; hh < c.numHeads(); hh++) {
        for (int i = 0; i < n; i++) {
          for (int e = 0; e < hd; e++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
              s += attn[b][(hh * n + i) * n + j] * v[b][j * d + hh * hd + e];
            }
            av[b][i * d + hh * hd + e] = s;
          }
        }
      }
    }
    fakeQuantize(QuantSite.ATTN_V.name(blk), true, av);
    addInto(x, fakeQuantize(QuantSite.PROJ.name(blk), true, linear(av, bw.proj())));
    double[][] h2 = fakeQuantize(QuantSite.NORM2.name(blk), true, layerNorm(x, bw.norm2()));
    double[][] a = fakeQuantize(QuantSite.ACT.name(blk), false, linear(h2, bw.fc1()));
    addInto(x, fakeQuantize(QuantSite.FC2.name(blk), true, linear(a, bw.fc2())));
  }

  /** Sets the step of {@code name} from {@code values} and replaces them by their quantized values. */
  private double[][] fakeQuantize(String name, boolean signed, double[][] values) {
    double sumAbs = 0;
    long count = 0;
    for (double[] v : values) {
      for (double e : v) {
        sumAbs += Math.abs(e);
      }
      count += v.length;
    }
    Quantizer probe = new Quantizer(level, signed, 1.0);
    double step = 2 * (sumAbs / count) / Math.sqrt(probe.qmax());
    if (!(step > 0)) {
      step = 1e-3;
    }
    Quantizer q = new Quantizer(level, signed, step);
    steps.put(name, step);
    for (double[] v : values) {
      for (int i = 0; i < v.length; i++) {
        v[i] = q.value(q.code(v[i]));
      }
    }
    return values;
  }

  private static void addInto(double[][] x, double[][] y) {
    for (int b = 0; b < x.length; b++) {
      for (int i = 0; i < x[b].length; i++) {
        x[b][i] += y[b][i];
      }
    }
  }

  private static double[][] layerNorm(double[][] x, LayerNormWeights ln) {
    int wd = ln.width();
    double[][] y = new double[x.length][x[0].length];
    for (int b = 0; b < x.length; b++) {
      for (int r = 0; r < x[b].length / wd; r++) {
        CanonicalFunctions.layerNorm(x[b], r * wd, ln.gamma(), ln.beta(), ln.eps(), y[b], r * wd);
      }
    }
    return y;
  }

  private static double[][] linear(double[][] x, LinearWeights lw) {
    int rows = x[0].length / lw.in();
    double[][] y = new double[x.length][rows * lw.out()];
    for (int b = 0; b < x.length; b++) {
      for (int r = 0; r < rows; r++) {
        for (int o = 0; o < lw.out(); o++) {
          double s = lw.bias()[o];
          int wOff = o * lw.in();
          for (int i = 0; i < lw.in(); i++) {
            s += lw.weight()[wOff + i] * x[b][r * lw.in() + i];
          }
          y[b][r * lw.out() + o] = s;
        }
      }
    }
    return y;
  }
}
