package org.spikezip.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.model.LayerNormWeights;
import org.spikezip.model.LinearWeights;
import org.spikezip.model.VitBlockWeights;
import org.spikezip.model.VitCheckpoint;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.model.WeightNaming;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * Safetensors checkpoints of the training stages, all float32, with the model config as JSON in
 * metadata {@code config} ({@link VitConfig#toJson()}):
 *
 * <ul>
 *   <li>float ViT: timm naming ({@code patch_embed.proj.weight}, {@code blocks.0.norm1.weight}, ...);
 *   <li>QANN: the original release's naming ({@code patch_embed.proj.0.weight},
 *       {@code blocks.0.mlp.fc2.0.weight}, {@code norm.0.weight}, ...) plus a scalar {@code <quantizer>.s}
 *       per quantizer, metadata {@code level} and, with weight quantization, {@code weight_bits}.
 * </ul>
 */
public final class CheckpointFiles {
  /** Metadata key of the config JSON. */
  public static final String CONFIG_KEY = "config";
  /** Metadata key of the quantization level. */
  public static final String LEVEL_KEY = "level";
  /** Metadata key of the weight bits (absent for float weights). */
  public static final String WEIGHT_BITS_KEY = "weight_bits";

  private CheckpointFiles() {}

  /** Writes a float ViT in timm naming. */
  public static void saveAnn(Path path, VitWeights w) throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(CONFIG_KEY, w.config().toJson());
    SafetensorsWriter.write(path, tensors(w, WeightNaming.TIMM), meta);
  }

  /** Writes a QANN in the original naming with its steps and level. */
  public static void saveQann(Path path, VitWeights w, QuantizerSteps steps, int level, int weightBits)
      throws IOException {
    Map<String, Tensor> t = tensors(w, WeightNaming.ORIGINAL_QANN);
    for (String name : QuantizerSteps.names(w.config())) {
      t.put(name + ".s", Tensor.wrap(Shape.of(), new double[] {steps.step(name)}, DType.F32));
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(LEVEL_KEY, Integer.toString(level));
    if (weightBits != 0) {
      meta.put(WEIGHT_BITS_KEY, Integer.toString(weightBits));
    }
    meta.put(CONFIG_KEY, w.config().toJson());
    SafetensorsWriter.write(path, t, meta);
  }

  /** Writes the result of {@link QatTrainer#run}. */
  public static void saveQann(Path path, QatResult r) throws IOException {
    saveQann(path, r.weights(), r.steps(), r.level(), r.weightBits());
  }

  /** Reads a float ViT (timm or original naming) whose config is in the metadata. */
  public static VitWeights loadAnn(Path path) throws SpikezipException {
    try (SafetensorsReader store = SafetensorsReader.open(path)) {
      return VitCheckpoint.read(store, config(store));
    }
  }

  /** Reads a QANN checkpoint: weights, steps, metadata {@code level} and {@code weight_bits}. */
  public static QannCheckpoint loadQann(Path path) throws SpikezipException {
    try (SafetensorsReader store = SafetensorsReader.open(path)) {
      VitConfig config = config(store);
      int level = intMeta(store, LEVEL_KEY, null);
      int bits = intMeta(store, WEIGHT_BITS_KEY, 0);
      return new QannCheckpoint(VitCheckpoint.read(store, config), QuantizerSteps.read(store, config), level, bits);
    }
  }

  private static VitConfig config(SafetensorsReader store) throws InvalidInputException {
    String json = store.metadata().get(CONFIG_KEY);
    if (json == null) {
      throw new InvalidInputException(store.source() + ": metadata has no '" + CONFIG_KEY
          + "' entry with the model config (keys: " + store.metadata().keySet() + ")");
    }
    return VitConfig.fromJson(json, store.source() + " metadata '" + CONFIG_KEY + "'");
  }

  private static int intMeta(SafetensorsReader store, String key, Integer fallback) throws MalformedWeightsException {
    String v = store.metadata().get(key);
    if (v == null) {
      if (fallback == null) {
        throw new MalformedWeightsException(store.source() + ": metadata has no '" + key
            + "' entry (a QANN checkpoint must store its quantization level)");
      }
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new MalformedWeightsException(store.source() + ": metadata '" + key + "' must be a whole number, got '"
          + v + "'", e);
    }
  }

  /** The weights under {@code naming}, float32, in the original release's order. */
  private static Map<String, Tensor> tensors(VitWeights w, WeightNaming naming) {
    VitConfig c = w.config();
    int d = c.embedDim();
    Map<String, Tensor> t = new LinkedHashMap<>();
    put(t, "cls_token", w.clsToken(), 1, 1, d);
    put(t, "pos_embed", w.posEmbed(), 1, c.numTokens(), d);
    put(t, naming.patchEmbed() + ".weight", w.patchEmbed().weight(), d, c.inChans(), c.patchSize(), c.patchSize());
    put(t, naming.patchEmbed() + ".bias", w.patchEmbed().bias(), d);
    for (int b = 0; b < c.depth(); b++) {
      VitBlockWeights bw = w.blocks().get(b);
      norm(t, naming.norm1(b), bw.norm1());
      linear(t, naming.qkv(b), bw.qkv(), c.qkvBias());
      linear(t, naming.proj(b), bw.proj(), true);
      norm(t, naming.norm2(b), bw.norm2());
      linear(t, naming.fc1(b), bw.fc1(), true);
      linear(t, naming.fc2(b), bw.fc2(), true);
    }
    norm(t, naming.finalNorm(), w.norm());
    linear(t, "head", w.head(), true);
    return t;
  }

  private static void norm(Map<String, Tensor> t, String prefix, LayerNormWeights ln) {
    put(t, prefix + ".weight", ln.gamma(), ln.width());
    put(t, prefix + ".bias", ln.beta(), ln.width());
  }

  private static void linear(Map<String, Tensor> t, String prefix, LinearWeights l, boolean bias) {
    put(t, prefix + ".weight", l.weight(), l.out(), l.in());
    if (bias) {
      put(t, prefix + ".bias", l.bias(), l.out());
    }
  }

  private static void put(Map<String, Tensor> t, String name, double[] values, int... shape) {
    t.put(name, Tensor.wrap(Shape.of(shape), values.clone(), DType.F32));
  }
}
