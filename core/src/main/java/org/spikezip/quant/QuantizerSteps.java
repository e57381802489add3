package org.spikezip.quant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.NearNames;
import org.spikezip.io.TensorStore;
import org.spikezip.model.VitConfig;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * The learned step size of every quantizer of a ViT, by the original release's quantizer name
 * ({@code patch_embed.proj.1}, {@code blocks.0.attn.quan_q}, ..., {@code norm.1}).
 */
public record QuantizerSteps(Map<String, Double> steps) {
  /** What a quantizer's name is followed by to name its step tensor. */
  public static final String STEP_SUFFIX = ".s";

  public QuantizerSteps {
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
  }

  /** Every quantizer name of a ViT of this depth, in network order. */
  public static List<String> names(VitConfig config) {
    List<String> names = new ArrayList<>();
    names.add(QuantSite.PATCH_EMBED);
    for (int b = 0; b < config.depth(); b++) {
      for (QuantSite s : QuantSite.values()) {
        names.add(s.name(b));
      }
    }
    names.add(QuantSite.FINAL_NORM);
    return names;
  }

  /** The step tensors of a ViT of this depth, {@code <name>.s}, each a scalar, in network order. */
  public static Map<String, Shape> layout(VitConfig config) {
    Map<String, Shape> layout = new LinkedHashMap<>();
    for (String name : names(config)) {
      layout.put(name + STEP_SUFFIX, Shape.of());
    }
    return layout;
  }

  /** Whether {@code store} holds any step tensor ({@code <name>.s}): a QANN, not a float model. */
  public static boolean anyIn(TensorStore store) {
    return store.names().stream().anyMatch(n -> n.endsWith(STEP_SUFFIX));
  }

  /** Reads {@code <name>.s} for every quantizer of a ViT; each must be a positive finite scalar. */
  public static QuantizerSteps read(TensorStore store, VitConfig config) throws MalformedWeightsException {
    return read(store, names(config));
  }

  /** Reads {@code <name>.s} for every quantizer in {@code names}; each must be a positive finite scalar. */
  public static QuantizerSteps read(TensorStore store, List<String> names) throws MalformedWeightsException {
    Map<String, Double> steps = new LinkedHashMap<>();
    for (String name : names) {
      String key = name + STEP_SUFFIX;
      if (!store.contains(key)) {
        throw new MalformedWeightsException(NearNames.missingMessage(store.source(), key, store.names())
            + " (a QANN checkpoint needs every quantizer's step)");
      }
      Tensor t = store.tensor(key);
      if (t.size() != 1) {
        throw new MalformedWeightsException(store.source() + ": quantizer step '" + key
            + "' must be a scalar, has shape " + t.shape());
      }
      double s = t.get(0);
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new MalformedWeightsException(store.source() + ": quantizer step '" + key
            + "' must be positive and finite, got " + s);
      }
      steps.put(name, s);
    }
    return new QuantizerSteps(steps);
  }

  public double step(String name) {
    Double s = steps.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no step for quantizer '" + name + "'");
    }
    return s;
  }
}
