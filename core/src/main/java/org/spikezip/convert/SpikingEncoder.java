package org.spikezip.convert;

import java.util.ArrayList;
import java.util.List;
import org.spikezip.model.ClassifierHead;
import org.spikezip.quant.EncoderSite;
import org.spikezip.quant.ExactLinear;
import org.spikezip.quant.QuantizedEncoder;

/**
 * A spiking post-LN encoder, immutable: parameters only (the simulator keeps all state apart).
 *
 * <p>The embeddings ({@link QuantizedEncoder#embed}, shared with the QANN, as is the padding mask)
 * are computed once from the token ids and injected at step 1 into the embedding neurons; every
 * bias arrives at step 1; the classifier reads the [CLS] row of the last layer's output neurons.
 *
 * <p>The head's first layer ({@code classifier}, or RoBERTa's {@code classifier.dense}) is spike
 * driven and exact; its accumulated output on the [CLS] row goes, at every step, through the head's
 * float readout ({@link ClassifierHead#readout}: identity, or tanh and {@code out_proj}), a
 * non-spiking readout of at most two small layers on one token. Once the last layer is quiet its
 * input is the QANN's, to the bit, and so are the logits.
 *
 * @param classifier the head's first layer, on the final neurons' spikes
 * @param head the float head whose readout gives the logits
 */
public record SpikingEncoder(
    QuantizedEncoder source,
    NeuronParams embeddingNeurons,
    List<SpikingEncoderLayer> layers,
    ExactLinear classifier,
    ClassifierHead head) {

  public SpikingEncoder {
    layers = List.copyOf(layers);
  }

  /** Converts a QANN (SPEC §4): each quantizer becomes ST-BIF+ neurons with its step and bounds. */
  public static SpikingEncoder convert(QuantizedEncoder qann) {
    List<SpikingEncoderLayer> layers = new ArrayList<>();
    for (int l = 0; l < qann.layers().size(); l++) {
      var p = qann.layers().get(l);
      layers.add(new SpikingEncoderLayer(p.q(), p.k(), p.v(),
          neurons(p, EncoderSite.Q, l), neurons(p, EncoderSite.K, l), neurons(p, EncoderSite.V, l),
          p.scoreScale(), neurons(p, EncoderSite.ATTN, l), p.attentionValueScale(), neurons(p, EncoderSite.ATTN_V, l),
          p.attnOut(), neurons(p, EncoderSite.ATTN_OUT, l), p.attnNorm(), neurons(p, EncoderSite.ATTN_NORM, l),
          p.intermediate(), neurons(p, EncoderSite.INTER, l), p.out(), neurons(p, EncoderSite.OUT, l),
          p.outNorm(), neurons(p, EncoderSite.OUT_NORM, l)));
    }
    return new SpikingEncoder(qann, NeuronParams.of(EncoderSite.EMBEDDINGS, qann.embeddingQuantizer()), layers,
        qann.classifier(), qann.head());
  }

  private static NeuronParams neurons(org.spikezip.quant.QuantizedEncoderLayer p, EncoderSite site, int layer) {
    return NeuronParams.of(site.name(layer), p.quantizer(site));
  }

  public int level() {
    return source.level();
  }

  /** Every neuron layer in network order (the order of {@link QuantizedEncoder#quantizers()}). */
  public List<NeuronParams> neuronLayers() {
    List<NeuronParams> all = new ArrayList<>();
    all.add(embeddingNeurons);
    for (SpikingEncoderLayer l : layers) {
      for (EncoderSite s : EncoderSite.values()) {
        all.add(l.neurons(s));
      }
    }
    return all;
  }
}
