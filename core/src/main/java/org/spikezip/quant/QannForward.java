package org.spikezip.quant;

import static org.spikezip.quant.QannOps.attention;
import static org.spikezip.quant.QannOps.attentionValues;
import static org.spikezip.quant.QannOps.layerNorm;
import static org.spikezip.quant.QannOps.linear;
import static org.spikezip.quant.QannOps.linearCodes;
import static org.spikezip.quant.QannOps.quantize;
import static org.spikezip.quant.QannOps.record;

import java.util.LinkedHashMap;
import java.util.Map;

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
    int[] attn = record(codes, QuantSite.ATTN.name(b),
        attention(q, k, n, d, c.numHeads(), blk.scoreScale(), null, blk.quantizer(QuantSite.ATTN)));
    int[] av = record(codes, QuantSite.ATTN_V.name(b),
        attentionValues(attn, v, n, d, c.numHeads(), blk.attentionValueScale(), blk.quantizer(QuantSite.ATTN_V)));
    int[] proj = record(codes, QuantSite.PROJ.name(b), linearCodes(blk.proj(), av, n, blk.quantizer(QuantSite.PROJ)));
    addResidual(x, proj, blk.quantizer(QuantSite.PROJ));
    int[] h2 = record(codes, QuantSite.NORM2.name(b), quantize(layerNorm(x, n, blk.norm2()), blk.quantizer(QuantSite.NORM2)));
    int[] act = record(codes, QuantSite.ACT.name(b), linearCodes(blk.fc1(), h2, n, blk.quantizer(QuantSite.ACT)));
    int[] fc2 = record(codes, QuantSite.FC2.name(b), linearCodes(blk.fc2(), act, n, blk.quantizer(QuantSite.FC2)));
    addResidual(x, fc2, blk.quantizer(QuantSite.FC2));
  }

  private static void addResidual(double[] x, int[] codes, Quantizer q) {
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] + q.value(codes[i]);
    }
  }
}
