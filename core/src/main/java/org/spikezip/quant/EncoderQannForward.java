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
import org.spikezip.model.EncoderInput;

/**
 * The reference forward pass of a {@link QuantizedEncoder}, dense and layer by layer:
 *
 * <pre>
 * S_emb = Qemb(embed(ids));  x = theta_emb * S_emb
 * per layer: q,k,v = Qq(x Wq), Qk(x Wk), Qv(x Wv)
 *            a = Qattn(softmax((Sq.Sk) * (s_q*scale*s_k) + mask));  o = Qao(attnOut(Qav((A.Sv) * s_a*s_v)))
 *            h = Qan(LN_attn(x + theta_ao * S_ao));  x = theta_an * S_an
 *            x = theta_on * Qon(LN_out(x + theta_out * Qout(out(Qinter(intermediate(x))))))
 * logits = head.readout(classifier(S_final[0]))
 * </pre>
 *
 * Residual sums are {@code theta_a * S_a + theta_b * S_b} ({@link Quantizer#value}), the expression
 * the SNN evaluates on its tracers; scores add the mask after scaling, as Spike-Softmax does. Code
 * layouts as in {@link QannResult}; attention codes are {@code [heads, n, n]}.
 */
public final class EncoderQannForward {
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
    double[] acc = linear(cls, x, 1);
    double[] h = new double[cls.out()];
    for (int o = 0; o < h.length; o++) {
      h[o] = cls.value(acc[o], o);
    }
    double[] logits = new double[model.head().numClasses()];
    model.head().readout(h, logits);
    return new QannResult(logits, codes);
  }

  private int[] layer(QuantizedEncoderLayer p, int l, int[] x, Quantizer inQ, int n, double[] mask,
      Map<String, int[]> codes) {
    int d = model.config().hidden();
    int[] q = record(codes, EncoderSite.Q.name(l), linearCodes(p.q(), x, n, p.quantizer(EncoderSite.Q)));
    int[] k = record(codes, EncoderSite.K.name(l), linearCodes(p.k(), x, n, p.quantizer(EncoderSite.K)));
    int[] v = record(codes, EncoderSite.V.name(l), linearCodes(p.v(), x, n, p.quantizer(EncoderSite.V)));
    int heads = model.config().heads();
    int[] attn = attention(q, k, n, d, heads, p.scoreScale(), mask, p.quantizer(EncoderSite.ATTN));
    codes.put(EncoderSite.ATTN.name(l), attn);
    int[] av = attentionValues(attn, v, n, d, heads, p.attentionValueScale(), p.quantizer(EncoderSite.ATTN_V));
    codes.put(EncoderSite.ATTN_V.name(l), av);
    Quantizer aoQ = p.quantizer(EncoderSite.ATTN_OUT);
    int[] ao = record(codes, EncoderSite.ATTN_OUT.name(l), linearCodes(p.attnOut(), av, n, aoQ));
    Quantizer anQ = p.quantizer(EncoderSite.ATTN_NORM);
    int[] an = record(codes, EncoderSite.ATTN_NORM.name(l),
        quantize(layerNorm(residual(x, inQ, ao, aoQ), n, p.attnNorm()), anQ));
    int[] inter = record(codes, EncoderSite.INTER.name(l),
        linearCodes(p.intermediate(), an, n, p.quantizer(EncoderSite.INTER)));
    Quantizer outQ = p.quantizer(EncoderSite.OUT);
    int[] out = record(codes, EncoderSite.OUT.name(l), linearCodes(p.out(), inter, n, outQ));
    return record(codes, EncoderSite.OUT_NORM.name(l),
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
}
