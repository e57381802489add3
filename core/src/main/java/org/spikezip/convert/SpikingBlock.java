package org.spikezip.convert;

import org.spikezip.model.LayerNormWeights;
import org.spikezip.quant.ExactLinear;
import org.spikezip.quant.QuantSite;

/**
 * One converted ViT block: every quantizer became a layer of ST-BIF+ neurons, LayerNorm a
 * Spike-LayerNorm, softmax a Spike-Softmax and the two attention products spike-equivalent
 * self-attention (SESA).
 *
 * @param scoreScale factor from integer q.k sums to attention scores, {@code s_q * scale * s_k}
 * @param attentionValueScale factor from integer a.v sums to values, {@code s_attn * s_v}
 */
public record SpikingBlock(
    LayerNormWeights norm1,
    NeuronParams norm1Neurons,
    ExactLinear q,
    ExactLinear k,
    ExactLinear v,
    NeuronParams qNeurons,
    NeuronParams kNeurons,
    NeuronParams vNeurons,
    double scoreScale,
    NeuronParams attnNeurons,
    double attentionValueScale,
    NeuronParams attnValueNeurons,
    ExactLinear proj,
    NeuronParams projNeurons,
    LayerNormWeights norm2,
    NeuronParams norm2Neurons,
    ExactLinear fc1,
    NeuronParams actNeurons,
    ExactLinear fc2,
    NeuronParams fc2Neurons) {

  /** The neurons that replaced the quantizer at {@code site}. */
  public NeuronParams neurons(QuantSite site) {
    return switch (site) {
      case NORM1 -> norm1Neurons;
      case Q -> qNeurons;
      case K -> kNeurons;
      case V -> vNeurons;
      case ATTN -> attnNeurons;
      case ATTN_V -> attnValueNeurons;
      case PROJ -> projNeurons;
      case NORM2 -> norm2Neurons;
      case ACT -> actNeurons;
      case FC2 -> fc2Neurons;
    };
  }
}
