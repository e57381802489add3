package org.spikezip.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.model.NamingMatch;
import org.spikezip.model.VitCheckpoint;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.model.WeightNaming;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Tensor;

/**
 * Safetensors checkpoints of the training stages, all float32, with the model config as JSON in
 * metadata {@code config} ({@link VitConfig#toJson()}; {@link #saveConfig} writes it as a file for
 * the command line's {@code --config}):
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
      t.put(name + ".s", Tensor.scalar(steps.step(name)).withDType(DType.F32));
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
      return VitCheckpoint.read(store, config(store), NamingMatch.requireVit(store));
    }
  }

  /** Reads a QANN checkpoint: weights, steps, metadata {@code level} and {@code weight_bits}. */
  public static QannState loadQann(Path path) throws SpikezipException {
    try (SafetensorsReader store = SafetensorsReader.open(path)) {
      VitConfig config = config(store);
      int level = intMeta(store, LEVEL_KEY, null);
      int bits = intMeta(store, WEIGHT_BITS_KEY, 0);
      return new QannState(VitCheckpoint.read(store, config, NamingMatch.requireVit(store)),
          QuantizerSteps.read(store, config), level, bits);
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

  /** The weights under {@code naming} as float32 tensors, in timm's order. */
  private static Map<String, Tensor> tensors(VitWeights w, WeightNaming naming) {
    Map<String, Tensor> t = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : VitCheckpoint.tensors(w, naming).entrySet()) {
      t.put(e.getKey(), e.getValue().withDType(DType.F32));
    }
    return t;
  }

  /** Writes the config JSON ({@link VitConfig#toJson()}), as the command line's {@code --config} reads it. */
  public static void saveConfig(Path path, VitConfig config) throws IOException {
    Files.writeString(path, config.toJson() + "\n", StandardCharsets.UTF_8);
  }
}
