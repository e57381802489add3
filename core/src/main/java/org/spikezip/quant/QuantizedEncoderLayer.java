package org.spikezip.quant;

import java.util.Map;
import org.spikezip.model.LayerNormWeights;

/**
 * One quantized post-LN encoder layer. With {@code x = theta_in * S_in} the quantized input:
 *
 * <pre>
 * q,k,v = Qq(x Wq), Qk(x Wk), Qv(x Wv)
 * a = Qattn(softmax(Qq * scale @ Qk^T + mask));  o = Qao(attnOut(Qav(a @ Qv)))
 * h = Qan(LN_attn(x + o));  x' = Qon(LN_out(h + Qout(out(Qinter(intermediate(h))))))
 * </pre>
 */
public record QuantizedEncoderLayer(
    ExactLinear q,
    ExactLinear k,
    ExactLinear v,
    ExactLinear attnOut,
    LayerNormWeights attnNorm,
    ExactLinear intermediate,
    ExactLinear out,
    LayerNormWeights outNorm,
    Map<EncoderSite, Quantizer> quantizers,
    double attentionScale) {

  public QuantizedEncoderLayer {
    quantizers = Map.copyOf(quantizers);
    for (EncoderSite s : EncoderSite.values()) {
      if (!quantizers.containsKey(s)) {
        throw new IllegalArgumentException("layer lacks quantizer " + s);
      }
    }
  }

  public Quantizer quantizer(EncoderSite site) {
    return quantizers.get(site);
  }

  /** Factor from integer {@code sum_e Sq Sk} to scores: {@code (s_q * scale) * s_k}. */
  public double scoreScale() {
    return quantizer(EncoderSite.Q).step() * attentionScale * quantizer(EncoderSite.K).step();
  }

  /** Factor from integer {@code sum_j A V} to values: {@code s_attn * s_v}. */
  public double attentionValueScale() {
    return quantizer(EncoderSite.ATTN).step() * quantizer(EncoderSite.V).step();
  }
}
