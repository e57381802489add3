package org.spikezip.model;

/**
 * One post-LN encoder layer (Hugging Face BERT naming in the comments):
 * {@code h = attnNorm(x + attnOut(attention(q(x), k(x), v(x))))},
 * {@code x' = outNorm(h + out(act(intermediate(h))))}.
 *
 * @param q {@code attention.self.query}
 * @param k {@code attention.self.key}
 * @param v {@code attention.self.value}
 * @param attnOut {@code attention.output.dense}
 * @param attnNorm {@code attention.output.LayerNorm}
 * @param intermediate {@code intermediate.dense}
 * @param out {@code output.dense}
 * @param outNorm {@code output.LayerNorm}
 */
public record EncoderLayerWeights(
    LinearWeights q,
    LinearWeights k,
    LinearWeights v,
    LinearWeights attnOut,
    LayerNormWeights attnNorm,
    LinearWeights intermediate,
    LinearWeights out,
    LayerNormWeights outNorm) {}
