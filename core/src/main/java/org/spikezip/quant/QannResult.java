package org.spikezip.quant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The QANN's answer for one sample: logits and every quantizer's integer codes.
 *
 * <p>Code layouts: {@code patch_embed.proj.1} is {@code [patches, dim]}; q, k, v, attention-times-v
 * and the other token-wise quantizers are {@code [tokens, dim]} (head h in columns
 * {@code h*headDim ...}); the attention probabilities are {@code [heads, tokens, tokens]}.
 */
public record QannResult(double[] logits, Map<String, int[]> codes) {
  public QannResult {
    codes = Collections.unmodifiableMap(new LinkedHashMap<>(codes));
  }

  public int predictedClass() {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }
}
