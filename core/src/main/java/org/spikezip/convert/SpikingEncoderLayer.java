package org.spikezip.convert;

import org.spikezip.model.LayerNormWeights;
import org.spikezip.quant.EncoderSite;
import org.spikezip.quant.ExactLinear;

/**
 * One converted post-LN encoder layer: every quantizer became a layer of ST-BIF+ neurons, both
 * LayerNorms Spike-LayerNorms, softmax (with the padding mask) a Spike-Softmax and the two attention
 * products SESA; residual sums are {@code theta_a * S_a + theta_b * S_b} on the tracers.
 *
 * @param scoreScale {@code s_q * scale * s_k}
 * @param attentionValueScale {@code s_attn * s_v}
 */
public record SpikingEncoderLayer(
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
    ExactLinear attnOut,
    NeuronParams attnOutNeurons,
    LayerNormWeights attnNorm,
    NeuronParams attnNormNeurons,
    ExactLinear intermediate,
    NeuronParams interNeurons,
    ExactLinear out,
    NeuronParams outNeurons,
    LayerNormWeights outNorm,
    NeuronParams outNormNeurons) {

  /** The neurons that replaced the quantizer at {@code site}. */
  public NeuronParams neurons(EncoderSite site) {
    return switch (site) {
      case Q -> qNeurons;
      case K -> kNeurons;
      case V -> vNeurons;
      case ATTN -> attnNeurons;
      case ATTN_V -> attnValueNeurons;
      case ATTN_OUT -> attnOutNeurons;
      case ATTN_NORM -> attnNormNeurons;
      case INTER -> interNeurons;
      case OUT -> outNeurons;
      case OUT_NORM -> outNormNeurons;
    };
  }
}
