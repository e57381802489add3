package org.spikezip.convert;

import java.util.ArrayList;
import java.util.List;
import org.spikezip.model.LayerNormWeights;
import org.spikezip.model.VitConfig;
import org.spikezip.quant.ExactLinear;
import org.spikezip.quant.PatchProjection;
import org.spikezip.quant.WeightPrecision;

/**
 * A spiking ViT, immutable: parameters only; the simulator keeps all dynamic state apart.
 *
 * <p>The patch embedding reads the encoded image (analog or rate), its output drives the first
 * neurons; cls token, position embedding and every bias are injected at the first step.
 *
 * @param level the level L of the QANN it was converted from (neuron bounds follow from it)
 * @param precision how the spike-driven layers' weights are represented
 */
public record SpikingVit(
    VitConfig config,
    int level,
    WeightPrecision precision,
    PatchProjection patchEmbed,
    NeuronParams patchNeurons,
    double[] clsToken,
    double[] posEmbed,
    List<SpikingBlock> blocks,
    LayerNormWeights norm,
    NeuronParams normNeurons,
    ExactLinear head) {

  public SpikingVit {
    blocks = List.copyOf(blocks);
  }

  /** Every neuron layer in network order. */
  public List<NeuronParams> neuronLayers() {
    List<NeuronParams> all = new ArrayList<>();
    all.add(patchNeurons);
    for (SpikingBlock b : blocks) {
      all.addAll(List.of(b.norm1Neurons(), b.qNeurons(), b.kNeurons(), b.vNeurons(), b.attnNeurons(),
          b.attnValueNeurons(), b.projNeurons(), b.norm2Neurons(), b.actNeurons(), b.fc2Neurons()));
    }
    all.add(normNeurons);
    return all;
  }
}
