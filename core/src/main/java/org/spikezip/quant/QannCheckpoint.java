package org.spikezip.quant;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.TensorStore;
import org.spikezip.io.TrackingTensorStore;
import org.spikezip.io.safetensors.SafetensorsReader;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.model.VitCheckpoint;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.model.WeightNaming;
import org.spikezip.tensor.Tensor;

/**
 * A QANN read from a ViT config and a checkpoint: the float weights in the original release's naming
 * ({@code patch_embed.proj.0.weight}, {@code blocks.N.norm1.0.weight}, ...) or timm's, every
 * quantizer's step as {@code <quantizer>.s} in the original naming ({@code blocks.N.attn.quan_q.s}),
 * and the level L, which the checkpoint's metadata entry {@code level} records and the caller may
 * give as well (SPEC §2: the level must travel with the checkpoint).
 *
 * @param model the quantized network
 * @param warnings what the user should hear about but that does not stop loading, one line each
 *     (tensors the model does not use, which often means the config does not fit the checkpoint)
 */
public record QannCheckpoint(QuantizedVit model, List<String> warnings) {
  /** The metadata key that records the level. */
  public static final String LEVEL_KEY = "level";
  /** The largest level accepted: 16-bit activations, far beyond any quantized transformer's. */
  public static final int MAX_LEVEL = 1 << 16;
  private static final int LISTED_NAMES = 5;

  public QannCheckpoint {
    warnings = List.copyOf(warnings);
  }

  /**
   * Reads the config JSON file and the safetensors checkpoint; see {@link #load(VitConfig, TensorStore,
   * Integer, WeightPrecision)}.
   */
  public static QannCheckpoint load(Path configFile, Path checkpointFile, Integer level, WeightPrecision precision)
      throws SpikezipException {
    VitConfig config = VitConfig.read(configFile);
    QuantizedVit.checkSupported(config);
    try (SafetensorsReader store = SafetensorsReader.open(checkpointFile)) {
      return load(config, store, level, precision);
    }
  }

  /**
   * Builds the QANN of {@code config} from {@code store}.
   *
   * @param level the level the caller asks for, or null to take the stored one
   * @throws org.spikezip.error.UnsupportedModelException if the config is not a ReLU ViT with a cls-token head
   * @throws InvalidInputException if the level is neither stored nor given, differs from the stored
   *     one, or is not an even number from 2 to {@link #MAX_LEVEL}
   * @throws MalformedWeightsException if a weight or step is missing, misshapen or not finite
   */
  public static QannCheckpoint load(VitConfig config, TensorStore store, Integer level, WeightPrecision precision)
      throws SpikezipException {
    QuantizedVit.checkSupported(config);
    int resolved = level(store, level);
    TrackingTensorStore tracked = new TrackingTensorStore(store);
    VitWeights weights = VitCheckpoint.read(tracked, config);
    QuantizerSteps steps = QuantizerSteps.read(tracked, config);
    List<String> warnings = new ArrayList<>();
    Set<String> unused = tracked.unread();
    if (!unused.isEmpty()) {
      List<String> names = new ArrayList<>(unused);
      warnings.add(store.source() + ": " + unused.size() + " tensor(s) not used by this model: "
          + String.join(", ", names.subList(0, Math.min(LISTED_NAMES, names.size())))
          + (names.size() > LISTED_NAMES ? ", ..." : "") + " (does the config match the checkpoint?)");
    }
    return new QannCheckpoint(QuantizedVit.build(weights, steps, resolved, precision), warnings);
  }

  /**
   * Writes a QANN checkpoint that {@link #load} reads: the weights under {@code naming}, the steps as
   * {@code <quantizer>.s} scalars, and {@code level} in the metadata. Atomic, as {@link SafetensorsWriter}.
   */
  public static void write(Path file, VitWeights weights, QuantizerSteps steps, int level, WeightNaming naming)
      throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>(VitCheckpoint.tensors(weights, naming));
    for (String name : QuantizerSteps.names(weights.config())) {
      tensors.put(name + ".s", Tensor.scalar(steps.step(name)));
    }
    SafetensorsWriter.write(file, tensors, Map.of(LEVEL_KEY, Integer.toString(level)));
  }

  /** The level: the stored one, the requested one, or both if they agree. */
  private static int level(TensorStore store, Integer requested) throws SpikezipException {
    String stored = store.metadata().get(LEVEL_KEY);
    if (stored == null) {
      if (requested == null) {
        throw new InvalidInputException("the level is not stored in " + store.source() + "; pass --level L");
      }
      return checkLevel(requested, "requested level");
    }
    int storedLevel;
    try {
      storedLevel = Integer.parseInt(stored.trim());
    } catch (NumberFormatException e) {
      throw new MalformedWeightsException(store.source() + ": metadata '" + LEVEL_KEY + "' is '" + stored
          + "', expected a whole number");
    }
    checkLevel(storedLevel, store.source() + ": stored level");
    if (requested != null && requested != storedLevel) {
      throw new InvalidInputException("level " + requested + " was asked for, but " + store.source()
          + " stores level " + storedLevel);
    }
    return storedLevel;
  }

  /**
   * Returns {@code level} if it is an even number from 2 to {@link #MAX_LEVEL}.
   *
   * @param what names the level in the message, e.g. "--level"
   */
  public static int checkLevel(int level, String what) throws InvalidInputException {
    if (level < 2 || level > MAX_LEVEL || level % 2 != 0) {
      throw new InvalidInputException(what + " " + level + " is not an even number from 2 to " + MAX_LEVEL);
    }
    return level;
  }
}
