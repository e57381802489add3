package org.spikezip.quant;

import java.util.Map;
import org.spikezip.model.LayerNormWeights;

/**
 * One quantized ViT block (SPEC §3). q, k and v are separate layers (the rows of timm's qkv).
 *
 * <pre>
 * h = Qn1(LN1(x)); q,k,v = Qq(h Wq), Qk(h Wk), Qv(h Wv)
 * a = Qattn(softmax(Qq * scale @ Qk^T));  x += Qproj(proj(Qav(a @ Qv)))
 * x += Qfc2(fc2(Qact(fc1(Qn2(LN2(x))))))
 * </pre>
 */
public record QuantizedBlock(
    LayerNormWeights norm1,
    ExactLinear q,
    ExactLinear k,
    ExactLinear v,
    ExactLinear proj,
    LayerNormWeights norm2,
    ExactLinear fc1,
    ExactLinear fc2,
    Map<QuantSite, Quantizer> quantizers,
    double attentionScale) {

  public QuantizedBlock {
    quantizers = Map.copyOf(quantizers);
    for (QuantSite s : QuantSite.values()) {
      if (!quantizers.containsKey(s)) {
        throw new IllegalArgumentException("block lacks quantizer " + s);
      }
    }
  }

  public Quantizer quantizer(QuantSite site) {
    return quantizers.get(site);
  }

  /**
   * Factor from the integer score {@code sum_e Sq[i,e] Sk[j,e]} to {@code (Qq * scale) . Qk}:
   * {@code (s_q * scale) * s_k}.
   */
  public double scoreScale() {
    return quantizer(QuantSite.Q).step() * attentionScale * quantizer(QuantSite.K).step();
  }

  /** Factor from the integer product {@code sum_j A[i,j] V[j,e]} to {@code Qattn @ Qv}: {@code s_attn * s_v}. */
  public double attentionValueScale() {
    return quantizer(QuantSite.ATTN).step() * quantizer(QuantSite.V).step();
  }
}
