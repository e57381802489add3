package org.spikezip.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.TensorFile;
import org.spikezip.model.CheckpointConfig;
import org.spikezip.model.VitConfig;
import org.spikezip.quant.CheckpointInspection;
import org.spikezip.quant.QannCheckpoint;
import org.spikezip.quant.QuantizerSteps;

/**
 * Prints what {@code inspect FILE} finds in a checkpoint: the file (format, layout, tensors, dtypes, the
 * PyTorch wrapper's other entries, metadata), the model (naming, architecture, config), every tensor
 * problem, the quantizer steps, the level, and what conversion still needs.
 */
final class CheckpointReport {
  private static final String FORMAT = "%-13s %s%n";

  private CheckpointReport() {}

  /** Prints the report; {@code listSteps} adds one line per quantizer step. */
  static void print(PrintWriter out, TensorFile file, CheckpointInspection in, boolean listSteps) {
    out.printf(Locale.ROOT, FORMAT, "file", file.path());
    out.printf(Locale.ROOT, FORMAT, "format", file.format().title() + ": " + file.layout());
    out.printf(Locale.ROOT, FORMAT, "tensors", String.format(Locale.ROOT, "%,d, %,d bytes (%s)", in.tensorCount(),
        in.tensorBytes(), in.dtypes().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "))));
    lines(out, "unreadable", in.unreadable());
    lines(out, "other entries", file.otherEntries());
    lines(out, "metadata", file.store().metadata().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.toList()));
    out.printf(Locale.ROOT, FORMAT, "naming", in.naming().naming().title()
        + (in.naming().prefix().isEmpty() ? "" : ", under the prefix '" + in.naming().prefix() + "'"));
    out.printf(Locale.ROOT, FORMAT, "architecture", in.architecture());
    if (in.config() != null) {
      VitConfig c = in.config().config();
      out.printf(Locale.ROOT, FORMAT, "config", String.format(Locale.ROOT, "%s: %d heads, LayerNorm eps %s, %s%s",
          in.config().origin().title(), c.numHeads(), c.lnEps(), c.activation().name().toLowerCase(Locale.ROOT),
          c.globalPool() ? ", global pool" : ""));
    }
    lines(out, "problems", in.problems());
    lines(out, "unexpected", in.unexpected().stream().map(n -> "'" + n + "' " + shape(file, n))
        .collect(Collectors.toList()));
    if (in.naming().naming().vitNaming() == null) {
      printConversion(out, file, in);
      return;
    }
    out.printf(Locale.ROOT, FORMAT, "steps", in.steps().isEmpty() ? "none (a float model)"
        : in.steps().size() + (in.config() == null ? "" : " of " + QuantizerSteps.names(in.config().config()).size())
            + " quantizer steps (<quantizer>.s)");
    if (listSteps) {
      for (Map.Entry<String, Double> e : in.steps().entrySet()) {
        out.printf(Locale.ROOT, "  %-40s %.8g%n", e.getKey(), e.getValue());
      }
    }
    if (!in.steps().isEmpty()) {
      out.printf(Locale.ROOT, FORMAT, "level", in.level() == null ? "not known" : Integer.toString(in.level()));
    }
    lines(out, "warnings", in.warnings());
    printConversion(out, file, in);
  }

  private static void printConversion(PrintWriter out, TensorFile file, CheckpointInspection in) {
    if (in.missing().isEmpty()) {
      out.printf(Locale.ROOT, FORMAT, "conversion", "ready: spikezip simulate --checkpoint " + file.path()
          + options(file, in) + " --input IN --output OUT");
    } else {
      out.printf(Locale.ROOT, FORMAT, "conversion", "needs");
      in.missing().forEach(m -> out.printf(Locale.ROOT, FORMAT, "", "- " + m));
    }
  }

  /** The options a ready checkpoint needs besides itself: heads for an inferred config, an unstored level. */
  private static String options(TensorFile file, CheckpointInspection in) {
    CheckpointConfig.Origin origin = in.config().origin();
    String config = origin == CheckpointConfig.Origin.INFERRED ? " --heads " + in.config().config().numHeads()
        : origin == CheckpointConfig.Origin.GIVEN ? " --config C" : "";
    boolean levelStored = file.store().metadata().containsKey(QannCheckpoint.LEVEL_KEY);
    return config + (levelStored ? "" : " --level " + in.level());
  }

  private static String shape(TensorFile file, String name) {
    try {
      return file.store().shape(name).toString();
    } catch (MalformedWeightsException e) {
      return "(" + e.getMessage() + ")";
    }
  }

  /** The title on the first line, the others indented under it; nothing if {@code lines} is empty. */
  private static void lines(PrintWriter out, String title, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      out.printf(Locale.ROOT, FORMAT, i == 0 ? title : "", lines.get(i));
    }
  }
}
