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
import org.spikezip.model.EncoderCheckpoint;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderConfigJson;
import org.spikezip.model.EncoderWeights;
import org.spikezip.quant.EncoderSite;
import org.spikezip.quant.QuantizerSteps;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Tensor;

/**
 * Safetensors checkpoints of a text encoder's training stages, float32, in Hugging Face BERT names
 * without prefix ({@link EncoderCheckpoint}), with the config in metadata {@code config}
 * ({@link EncoderConfigJson}, Hugging Face keys). A QANN adds a scalar {@code <quantizer>.s} per
 * {@link EncoderSite} quantizer and metadata {@code level}.
 */
public final class EncoderCheckpointFiles {
  private EncoderCheckpointFiles() {}

  /** Writes a float encoder classifier. */
  public static void saveAnn(Path path, EncoderWeights w) throws IOException {
    SafetensorsWriter.write(path, tensors(w), metadata(w.config(), null));
  }

  /** Writes a QANN: weights, every step and the level. */
  public static void saveQann(Path path, EncoderQatResult r) throws IOException {
    Map<String, Tensor> t = tensors(r.weights());
    for (String name : EncoderSite.names(r.weights().config().layers())) {
      t.put(name + QuantizerSteps.STEP_SUFFIX, Tensor.scalar(r.steps().step(name)).withDType(DType.F32));
    }
    SafetensorsWriter.write(path, t, metadata(r.weights().config(), r.level()));
  }

  /**
   * Whether {@code path} is a safetensors checkpoint of this class (its config has Hugging Face
   * keys), as opposed to a ViT's.
   */
  public static boolean isEncoder(Path path) throws SpikezipException {
    try (SafetensorsReader store = SafetensorsReader.open(path)) {
      String json = store.metadata().get(CheckpointFiles.CONFIG_KEY);
      return json != null && json.contains("\"hidden_size\"");
    }
  }

  /** Reads a float encoder classifier. */
  public static EncoderWeights loadAnn(Path path) throws SpikezipException {
    try (SafetensorsReader store = SafetensorsReader.open(path)) {
      return EncoderCheckpoint.read(store, config(store), "");
    }
  }

  /** Reads a QANN checkpoint: weights, steps and metadata {@code level}. */
  public static EncoderQannState loadQann(Path path) throws SpikezipException {
    try (SafetensorsReader store = SafetensorsReader.open(path)) {
      EncoderConfig config = config(store);
      String level = store.metadata().get(CheckpointFiles.LEVEL_KEY);
      if (level == null || !level.trim().matches("\\d{1,9}")) {
        throw new MalformedWeightsException(store.source() + ": metadata '" + CheckpointFiles.LEVEL_KEY
            + "' must hold the quantization level as a whole number, got " + level);
      }
      return new EncoderQannState(EncoderCheckpoint.read(store, config, ""),
          QuantizerSteps.read(store, EncoderSite.names(config.layers())), Integer.parseInt(level.trim()));
    }
  }

  private static EncoderConfig config(SafetensorsReader store) throws InvalidInputException {
    String json = store.metadata().get(CheckpointFiles.CONFIG_KEY);
    if (json == null) {
      throw new InvalidInputException(store.source() + ": metadata has no '" + CheckpointFiles.CONFIG_KEY
          + "' entry with the encoder config (keys: " + store.metadata().keySet() + ")");
    }
    return EncoderConfigJson.fromJson(json, store.source() + " metadata '" + CheckpointFiles.CONFIG_KEY + "'");
  }

  private static Map<String, String> metadata(EncoderConfig c, Integer level) {
    Map<String, String> meta = new LinkedHashMap<>();
    if (level != null) {
      meta.put(CheckpointFiles.LEVEL_KEY, level.toString());
    }
    meta.put(CheckpointFiles.CONFIG_KEY, EncoderConfigJson.toJson(c));
    return meta;
  }

  private static Map<String, Tensor> tensors(EncoderWeights w) {
    Map<String, Tensor> t = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : EncoderCheckpoint.tensors(w, "").entrySet()) {
      t.put(e.getKey(), e.getValue().withDType(DType.F32));
    }
    return t;
  }
}
