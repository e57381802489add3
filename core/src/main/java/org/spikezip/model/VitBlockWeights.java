package org.spikezip.model;

/** One pre-LN Transformer block: {@code x += proj(attn(norm1(x)))}, {@code x += fc2(act(fc1(norm2(x))))}. */
public record VitBlockWeights(
    LayerNormWeights norm1,
    LinearWeights qkv,
    LinearWeights proj,
    LayerNormWeights norm2,
    LinearWeights fc1,
    LinearWeights fc2) {}
