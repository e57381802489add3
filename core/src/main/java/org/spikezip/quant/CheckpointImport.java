package org.spikezip.quant;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.FileDigest;
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
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Tensor;

/**
 * Rewrites a ViT checkpoint of any format ({@link TensorFiles}) as this project's safetensors file.
 *
 * <p>A QANN (it holds quantizer steps) is written in the original release's naming with every step
 * as {@code <quantizer>.s}; a float model in timm's naming. Each tensor is written as F32 when every
 * value is a float32 (as all of a float32, float16 or bfloat16 checkpoint's are), else as F64, so
 * nothing is rounded. The metadata records the config JSON ({@value CheckpointConfig#METADATA_KEY}),
 * the level when known ({@value QannCheckpoint#LEVEL_KEY}), the source file's name
 * ({@value #SOURCE_KEY}), format ({@value #SOURCE_FORMAT_KEY}) and SHA-256 ({@value #SOURCE_SHA_KEY}).
 * Every tensor is checked first and all problems are named in one message; {@link #write} writes the
 * file atomically, as {@link SafetensorsWriter} does.
 *
 * @param config the model's config, and where it came from
 * @param naming the naming written
 * @param quantized whether the model has quantizer steps (a QANN)
 * @param level the level recorded, or null if it is not known
 * @param tensors the tensors to write, in order
 * @param metadata the metadata to write
 * @param warnings what the user should hear, one line each
 */
public record CheckpointImport(CheckpointConfig config, WeightNaming naming, boolean quantized, Integer level,
    Map<String, Tensor> tensors, Map<String, String> metadata, List<String> warnings) {
  /** Metadata key: the name of the file imported (its name only, not its folder). */
  public static final String SOURCE_KEY = "source";
  /** Metadata key: the format of the file imported. */
  public static final String SOURCE_FORMAT_KEY = "source_format";
  /** Metadata key: the SHA-256 of the file imported, lowercase hex. */
  public static final String SOURCE_SHA_KEY = "source_sha256";

  public CheckpointImport {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    warnings = List.copyOf(warnings);
  }

  /**
   * Reads and checks {@code source} and prepares what {@link #write} writes.
   *
   * @param given the config to use, or null to take the stored or inferred one ({@link CheckpointConfig})
   * @param heads the number of heads for an inferred config, or null
   * @param level the level, or null to take the stored one; a QANN without either is imported without it
   * @throws org.spikezip.error.UnsupportedModelException for a model spikezip cannot convert
   * @throws MalformedWeightsException if tensors are missing or mis-shaped (all are named)
   * @throws InvalidInputException if the file cannot be read or the config cannot be resolved
   */
  public static CheckpointImport read(Path source, VitConfig given, Integer heads, Integer level)
      throws SpikezipException {
    String sha256 = FileDigest.sha256(source);
    try (TensorFile file = TensorFiles.open(source)) {
      TensorStore store = file.store();
      WeightNaming naming = NamingMatch.requireVit(store);
      CheckpointConfig config = CheckpointConfig.resolve(given, heads, store, naming);
      VitConfig c = config.config();
      QuantizedVit.checkSupported(c);
      boolean quantized = QuantizerSteps.anyIn(store);
      TensorLayout layout = TensorLayout.vit(c, naming);
      TensorLayout.Check check = (quantized ? layout.with(QuantizerSteps.layout(c)) : layout).check(store);
      if (!check.problems().isEmpty()) {
        throw new MalformedWeightsException(check.message(store.source(), VitCheckpoint.describe(c)));
      }
      List<String> warnings = new ArrayList<>();
      if (!check.unexpected().isEmpty()) {
        warnings.add(check.unexpected().size() + " tensor(s) of " + store.source() + " are not part of the model and"
            + " are left out: " + String.join(", ", check.unexpected()));
      }
      VitWeights weights = VitCheckpoint.read(store, c, naming);
      Map<String, String> metadata = new LinkedHashMap<>();
      metadata.put(CheckpointConfig.METADATA_KEY, c.toJson());
      Map<String, Tensor> tensors;
      Integer resolved = null;
      WeightNaming written;
      if (quantized) {
        QuantizerSteps steps = QuantizerSteps.read(store, c);
        written = WeightNaming.ORIGINAL_QANN;
        tensors = QannCheckpoint.tensors(weights, steps, written);
        if (level != null || store.metadata().containsKey(QannCheckpoint.LEVEL_KEY)) {
          resolved = QannCheckpoint.level(store, level);
          metadata.put(QannCheckpoint.LEVEL_KEY, Integer.toString(resolved));
          warnings.addAll(StepConsistency.warnings(steps, c, resolved));
        } else {
          warnings.add("the level is not known, so it is not recorded: give --level when you use the file");
        }
      } else {
        written = WeightNaming.TIMM;
        tensors = VitCheckpoint.tensors(weights, written);
        if (level != null) {
          warnings.add("--level " + level + " is ignored: " + store.source() + " is a float model (no quantizer steps)");
        }
      }
      metadata.put(SOURCE_KEY, String.valueOf(source.getFileName()));
      metadata.put(SOURCE_FORMAT_KEY, file.format().title());
      metadata.put(SOURCE_SHA_KEY, sha256);
      Map<String, Tensor> narrowed = new LinkedHashMap<>();
      tensors.forEach((name, t) -> narrowed.put(name, narrow(t)));
      return new CheckpointImport(config, written, quantized, resolved, narrowed, metadata, warnings);
    }
  }

  /** Writes the tensors and metadata to {@code target} atomically; see {@link SafetensorsWriter}. */
  public void write(Path target) throws IOException {
    SafetensorsWriter.write(target, tensors, metadata);
  }

  /** The tensor as F32 if every value is a float32, else as F64. */
  private static Tensor narrow(Tensor t) {
    for (double v : t.data()) {
      if ((double) (float) v != v) {
        return t.withDType(DType.F64);
      }
    }
    return t.withDType(DType.F32);
  }
}
