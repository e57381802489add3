package org.spikezip.convert;

import java.util.ArrayList;
import java.util.List;
import org.spikezip.quant.EncoderSite;
import org.spikezip.quant.ExactLinear;
import org.spikezip.quant.QuantizedEncoder;

/**
 * A spiking post-LN encoder, immutable: parameters only (the simulator keeps all state apart).
 *
 * <p>The embeddings ({@link QuantizedEncoder#embed}, shared with the QANN, as is the padding mask)
 * are computed once from the token ids and injected at step 1 into the embedding neurons; every
 * bias arrives at step 1; the classifier reads the [CLS] row of the last layer's output neurons.
 */
public record SpikingEncoder(
    QuantizedEncoder source,
    NeuronParams embeddingNeurons,
    List<SpikingEncoderLayer> layers,
    ExactLinear classifier) {

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
        qann.classifier());
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
