package org.spikezip.quant;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.TensorFile;
import org.spikezip.io.TensorFiles;
import org.spikezip.io.TensorStore;
import org.spikezip.io.safetensors.SafetensorsWriter;
import org.spikezip.model.CheckpointConfig;
import org.spikezip.model.NamingMatch;
import org.spikezip.model.TensorLayout;
import org.spikezip.model.VitCheckpoint;
import org.spikezip.model.VitConfig;
import org.spikezip.model.VitWeights;
import org.spikezip.model.WeightNaming;
import org.spikezip.tensor.Tensor;

/**
 * A QANN read from a ViT config and a checkpoint (safetensors, PyTorch or ONNX): the float weights in
 * the original release's naming ({@code patch_embed.proj.0.weight}, {@code blocks.N.norm1.0.weight}, ...)
 * or timm's, every quantizer's step as {@code <quantizer>.s} in the original naming
 * ({@code blocks.N.attn.quan_q.s}), and the level L, which the checkpoint's metadata entry {@code level}
 * records and the caller may give as well (SPEC §2: the level must travel with the checkpoint).
 *
 * @param model the quantized network
 * @param warnings what the user should hear about but that does not stop loading, one line each
 *     (tensors the model does not use, which often means the config does not fit the checkpoint;
 *     steps that look inconsistent with the level)
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
   * Opens the checkpoint (any format {@link TensorFiles} reads) and builds its QANN; see {@link
   * #load(VitConfig, TensorStore, Integer, WeightPrecision)}. The config comes from {@code configFile}
   * if given, else as {@link CheckpointConfig} resolves it (stored, or inferred with {@code heads}).
   *
   * @param configFile the config JSON file, or null
   * @param heads the number of heads for a config inferred from the shapes, or null
   */
  public static QannCheckpoint load(Path configFile, Integer heads, Path checkpointFile, Integer level,
      WeightPrecision precision) throws SpikezipException {
    VitConfig given = null;
    if (configFile != null) {
      given = VitConfig.read(configFile);
      QuantizedVit.checkSupported(given);
    }
    try (TensorFile file = TensorFiles.open(checkpointFile)) {
      TensorStore store = file.store();
      VitConfig config = CheckpointConfig.resolve(given, heads, store, NamingMatch.requireVit(store)).config();
      return load(config, store, level, precision);
    }
  }

  /**
   * Builds the QANN of {@code config} from {@code store}. Every tensor is checked before any is read,
   * and all that are missing or mis-shaped are named in one message; tensors the model does not use
   * and steps that look inconsistent with the level ({@link StepConsistency}) are warnings.
   *
   * @param level the level the caller asks for, or null to take the stored one
   * @throws org.spikezip.error.UnsupportedModelException if the config is not a ReLU ViT with a cls-token
   *     head, or the checkpoint is not a ViT
   * @throws InvalidInputException if the level is neither stored nor given, differs from the stored
   *     one, or is not an even number from 2 to {@link #MAX_LEVEL}
   * @throws MalformedWeightsException if a weight or step is missing, misshapen or not finite
   */
  public static QannCheckpoint load(VitConfig config, TensorStore store, Integer level, WeightPrecision precision)
      throws SpikezipException {
    QuantizedVit.checkSupported(config);
    int resolved = level(store, level);
    WeightNaming naming = NamingMatch.requireVit(store);
    TensorLayout.Check check = TensorLayout.vit(config, naming).with(QuantizerSteps.layout(config)).check(store);
    if (!check.problems().isEmpty()) {
      throw new MalformedWeightsException(misfit(store, config, check));
    }
    VitWeights weights = VitCheckpoint.read(store, config, naming);
    QuantizerSteps steps = QuantizerSteps.read(store, config);
    List<String> warnings = new ArrayList<>();
    List<String> unused = check.unexpected();
    if (!unused.isEmpty()) {
      warnings.add(store.source() + ": " + unused.size() + " tensor(s) not used by this model: "
          + String.join(", ", unused.subList(0, Math.min(LISTED_NAMES, unused.size())))
          + (unused.size() > LISTED_NAMES ? ", ..." : "") + " (does the config match the checkpoint?)");
    }
    StepConsistency.warnings(steps, config, resolved).forEach(w -> warnings.add(store.source() + ": " + w));
    return new QannCheckpoint(QuantizedVit.build(weights, steps, resolved, precision), warnings);
  }

  /** One line: that the model is a float one, or the first few problems and how many more. */
  private static String misfit(TensorStore store, VitConfig config, TensorLayout.Check check) {
    if (!QuantizerSteps.anyIn(store)) {
      return store.source() + ": no quantizer steps (<quantizer>.s): a float model, not a QANN; quantize it"
          + " (QAT) first";
    }
    return check.message(store.source(), VitCheckpoint.describe(config));
  }

  /**
   * Writes a QANN checkpoint that {@link #load} reads: {@link #tensors} and {@code level} in the
   * metadata. Atomic, as {@link SafetensorsWriter}.
   */
  public static void write(Path file, VitWeights weights, QuantizerSteps steps, int level, WeightNaming naming)
      throws IOException {
    SafetensorsWriter.write(file, tensors(weights, steps, naming), Map.of(LEVEL_KEY, Integer.toString(level)));
  }

  /** The weights under {@code naming} ({@link VitCheckpoint#tensors}) and the steps as {@code <quantizer>.s} scalars. */
  public static Map<String, Tensor> tensors(VitWeights weights, QuantizerSteps steps, WeightNaming naming) {
    Map<String, Tensor> tensors = new LinkedHashMap<>(VitCheckpoint.tensors(weights, naming));
    for (String name : QuantizerSteps.names(weights.config())) {
      tensors.put(name + QuantizerSteps.STEP_SUFFIX, Tensor.scalar(steps.step(name)));
    }
    return tensors;
  }

  /**
   * The level: the one {@code store}'s metadata records, the requested one, or both if they agree.
   *
   * @param requested the caller's level, or null
   * @throws InvalidInputException if neither is there, they differ, or the level is not valid
   * @throws MalformedWeightsException if the stored level is not a whole number
   */
  public static int level(TensorStore store, Integer requested) throws SpikezipException {
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
