package org.spikezip.quant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.TensorStore;
import org.spikezip.model.CheckpointConfig;
import org.spikezip.model.CheckpointNaming;
import org.spikezip.model.HuggingFaceShapes;
import org.spikezip.model.InferredVit;
import org.spikezip.model.NamingMatch;
import org.spikezip.model.TensorLayout;
import org.spikezip.model.VitConfig;
import org.spikezip.model.WeightNaming;
import org.spikezip.tensor.DType;

/**
 * What a checkpoint holds and what it still lacks for conversion, found without failing on the first
 * problem: the tensors' count, bytes and dtypes; the naming; the architecture the shapes show; the
 * config (given, stored, or inferred with the number of heads); every missing, mis-shaped and
 * unexpected tensor; the quantizer steps; the level; and one line per thing that conversion still needs.
 *
 * @param tensorCount how many tensors the store holds
 * @param tensorBytes the bytes of their elements as stored
 * @param dtypes how many tensors of each element type (by {@link DType} name), in file order of first
 *     appearance, and how many are {@value #UNREADABLE}
 * @param unreadable why each unreadable tensor cannot be read (such as an unsupported element type)
 * @param naming the recognised naming
 * @param architecture one line on the model the shapes show, or why they show none
 * @param config the config, or null if none could be resolved
 * @param problems the missing and mis-shaped tensors for {@code config}, one line each
 * @param unexpected the names of the tensors that {@code config}'s model does not use
 * @param steps the value of every step tensor ({@code <quantizer>.s} of one element), in file order
 * @param level the level, stored or given, or null
 * @param warnings step sizes that look inconsistent with the level ({@link StepConsistency})
 * @param missing what conversion still needs, one line each; empty when the checkpoint converts as it is
 */
public record CheckpointInspection(int tensorCount, long tensorBytes, Map<String, Integer> dtypes,
    List<String> unreadable, NamingMatch naming, String architecture, CheckpointConfig config, List<String> problems,
    List<String> unexpected, Map<String, Double> steps, Integer level, List<String> warnings,
    List<String> missing) {
  /** The {@code dtypes} key that counts the tensors that cannot be read. */
  public static final String UNREADABLE = "unreadable";

  public CheckpointInspection {
    dtypes = Collections.unmodifiableMap(new LinkedHashMap<>(dtypes));
    unreadable = List.copyOf(unreadable);
    problems = List.copyOf(problems);
    unexpected = List.copyOf(unexpected);
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    warnings = List.copyOf(warnings);
    missing = List.copyOf(missing);
  }

  /**
   * Inspects {@code store}.
   *
   * @param given the user's config, or null
   * @param heads the user's number of heads, or null
   * @param requestedLevel the user's level, or null
   * @throws SpikezipException only if the file itself cannot be read
   */
  public static CheckpointInspection of(TensorStore store, VitConfig given, Integer heads, Integer requestedLevel)
      throws SpikezipException {
    Map<String, Integer> dtypes = new LinkedHashMap<>();
    long bytes = 0;
    Map<String, Double> steps = new LinkedHashMap<>();
    List<String> unreadable = new ArrayList<>();
    for (String name : store.names()) {
      try {
        DType dtype = store.dtype(name);
        bytes += (long) store.shape(name).size() * dtype.byteSize();
        if (name.endsWith(QuantizerSteps.STEP_SUFFIX) && store.shape(name).size() == 1) {
          steps.put(name, store.tensor(name).get(0));
        }
        dtypes.merge(dtype.name(), 1, Integer::sum);
      } catch (MalformedWeightsException e) {
        dtypes.merge(UNREADABLE, 1, Integer::sum);
        unreadable.add(strip(store, e.getMessage()));
      }
    }
    NamingMatch naming = NamingMatch.detect(store.names());
    List<String> missing = new ArrayList<>();
    WeightNaming vitNaming = naming.naming().vitNaming();
    if (vitNaming == null || !naming.prefix().isEmpty()) {
      try {
        NamingMatch.requireVit(store);
      } catch (SpikezipException e) {
        missing.add(strip(store, e.getMessage()));
      }
      String architecture = naming.naming() == CheckpointNaming.UNKNOWN ? "unknown"
          : HuggingFaceShapes.describe(store, naming);
      return new CheckpointInspection(store.names().size(), bytes, dtypes, unreadable, naming,
          architecture.isEmpty() ? "not inferred (names under a prefix)" : architecture, null, List.of(),
          List.of(), steps, null, List.of(), missing);
    }
    String architecture;
    try {
      architecture = InferredVit.infer(store, vitNaming).describe();
    } catch (SpikezipException e) {
      architecture = strip(store, e.getMessage());
    }
    CheckpointConfig config = null;
    List<String> problems = List.of();
    List<String> unexpected = List.of();
    List<String> warnings = new ArrayList<>();
    Integer level = null;
    if (given == null && heads == null && !store.metadata().containsKey(CheckpointConfig.METADATA_KEY)) {
      missing.add("the number of heads, which the tensor shapes do not show: give --heads H (or --config C)");
    } else {
      try {
        config = CheckpointConfig.resolve(given, heads, store, vitNaming);
        QuantizedVit.checkSupported(config.config());
      } catch (SpikezipException e) {
        missing.add(strip(store, e.getMessage()));
      }
    }
    boolean quantized = QuantizerSteps.anyIn(store);
    if (!quantized) {
      missing.add("quantizer steps: this is a float model (no <quantizer>.s tensors); run QAT first");
    }
    if (config != null) {
      TensorLayout layout = TensorLayout.vit(config.config(), vitNaming);
      TensorLayout.Check check = (quantized ? layout.with(QuantizerSteps.layout(config.config())) : layout)
          .check(store);
      problems = check.problems();
      unexpected = check.unexpected();
      if (!problems.isEmpty()) {
        missing.add("the " + problems.size() + " missing or mis-shaped tensor(s) listed under problems");
      }
    }
    if (quantized) {
      if (requestedLevel == null && !store.metadata().containsKey(QannCheckpoint.LEVEL_KEY)) {
        missing.add("the level, which the checkpoint does not store: give --level L (the release's ImageNet"
            + " checkpoints are L = 32)");
      } else {
        try {
          level = QannCheckpoint.level(store, requestedLevel);
        } catch (SpikezipException e) {
          missing.add(strip(store, e.getMessage()));
        }
      }
    }
    if (config != null && level != null && quantized && problems.isEmpty()) {
      try {
        warnings.addAll(StepConsistency.warnings(QuantizerSteps.read(store, config.config()), config.config(), level));
      } catch (MalformedWeightsException e) {
        missing.add(strip(store, e.getMessage()));
      }
    }
    return new CheckpointInspection(store.names().size(), bytes, dtypes, unreadable, naming, architecture, config,
        problems, unexpected, steps, level, warnings, missing);
  }

  private static String strip(TensorStore store, String message) {
    String prefix = store.source() + ": ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
