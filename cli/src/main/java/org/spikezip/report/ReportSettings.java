package org.spikezip.report;

import java.util.List;
import java.util.Objects;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.VitConfig;

/**
 * How a report's run was made, recorded beside its numbers.
 *
 * @param version the spikezip version that made it
 * @param model where the model came from (checkpoint or SNN file)
 * @param architecture the model's kind and configuration, and its counting rules
 * @param level the quantization level L
 * @param weights the weight representation of the spike-driven layers
 * @param input the input file, as given
 * @param encoding how the input entered the SNN ({@code analog} or {@code rate})
 * @param maxSteps the step cap T
 * @param threads worker threads (the counts do not depend on it)
 * @param reference what accuracy is measured against: {@code labels} (tensor name) or the QANN
 * @param warnings what the run warned about (lossy samples, model loading), one line each
 */
public record ReportSettings(
    String version,
    String model,
    ReportedArchitecture architecture,
    int level,
    String weights,
    String input,
    String encoding,
    int maxSteps,
    int threads,
    String reference,
    List<String> warnings) {

  public ReportSettings {
    Objects.requireNonNull(architecture, "architecture");
    warnings = List.copyOf(warnings);
  }

  /** The settings of a ViT's run ({@link VitArchitecture}). */
  public static ReportSettings forVit(String version, String model, VitConfig config, int level, String weights,
      String input, String encoding, int maxSteps, int threads, String reference, List<String> warnings) {
    return new ReportSettings(version, model, new VitArchitecture(config), level, weights, input, encoding, maxSteps,
        threads, reference, warnings);
  }

  /** The settings of a text encoder's run ({@link EncoderArchitecture}). */
  public static ReportSettings forEncoder(String version, String model, EncoderConfig config, int level,
      String weights, String input, String encoding, int maxSteps, int threads, String reference,
      List<String> warnings) {
    return new ReportSettings(version, model, new EncoderArchitecture(config), level, weights, input, encoding,
        maxSteps, threads, reference, warnings);
  }
}
