package org.spikezip.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikezip.error.SpikezipException;
import org.spikezip.io.TensorFile;
import org.spikezip.io.TensorFiles;
import org.spikezip.model.LayerNormWeights;
import org.spikezip.model.VitConfig;
import org.spikezip.quant.CheckpointInspection;
import org.spikezip.quant.ExactLinear;
import org.spikezip.quant.QannCheckpoint;
import org.spikezip.quant.QuantizedBlock;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.quant.Quantizer;
import org.spikezip.quant.WeightPrecision;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code spikezip inspect}: what a checkpoint file of any format holds and lacks ({@code inspect FILE}),
 * and a model's layers, quantizers (step, signedness, bounds) and size.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = {"Shows what a checkpoint holds and what conversion still needs: 'inspect FILE' reads"
        + " safetensors, PyTorch (.pth, .bin) and ONNX files and shows the format, tensors, dtypes, a PyTorch"
        + " checkpoint's other entries (args, optimizer, ...), the naming, the architecture the shapes show,"
        + " every missing, mis-shaped or unexpected tensor, the quantizer steps and the level; then, if the"
        + " checkpoint converts, the model as below.",
        "With --checkpoint or --snn: the model's configuration, parameter count, weight representation, layers"
        + " and quantizers (step, signedness, bounds). A quantizer's step is the threshold of the SNN neurons"
        + " that replace it."})
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "FILE",
      description = "A checkpoint of any format to examine; --config, --heads, --level and --weights apply.")
  Path file;

  @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Model (a QANN, or an SNN file):%n")
  ModelOptions model;

  @Override
  public Integer call() throws SpikezipException {
    if (file == null) {
      if (model == null) {
        throw new ParameterException(spec.commandLine(), "missing FILE, --checkpoint Q or --snn FILE");
      }
      LoadedModel m = model.load(spec);
      m.warnings().forEach(w -> ErrorHandler.warn(spec.commandLine().getErr(), w));
      printModel(m.source(), m.qann());
      return 0;
    }
    QannOptions q = model == null ? new QannOptions() : model.qann;
    if (model != null && (model.snn != null || q.checkpoint != null)) {
      throw new ParameterException(spec.commandLine(), "give FILE or " + (model.snn != null ? "--snn" : "--checkpoint")
          + ", not both");
    }
    VitConfig given = q.config == null ? null : VitConfig.read(q.config);
    try (TensorFile opened = TensorFiles.open(file)) {
      CheckpointInspection inspection = CheckpointInspection.of(opened.store(), given, q.heads, q.level);
      boolean ready = inspection.missing().isEmpty();
      PrintWriter out = spec.commandLine().getOut();
      CheckpointReport.print(out, opened, inspection, !ready);
      if (ready) {
        QannCheckpoint loaded = QannCheckpoint.load(inspection.config().config(), opened.store(), q.level,
            q.weights == null ? WeightPrecision.grid() : q.weights);
        out.println();
        printModel("QANN checkpoint " + file, loaded.model());
      }
    }
    return 0;
  }

  private void printModel(String source, QuantizedVit q) {
    PrintWriter out = spec.commandLine().getOut();
    VitConfig c = q.config();
    out.printf(Locale.ROOT, "source      %s%n", source);
    out.printf(Locale.ROOT, "model       ViT: %dx%d images, %d channels, patch %d, dim %d, depth %d, %d heads,"
            + " mlp %d, %d classes, LayerNorm eps %s%n", c.imgSize(), c.imgSize(), c.inChans(), c.patchSize(),
        c.embedDim(), c.depth(), c.numHeads(), c.mlpHidden(), c.numClasses(), c.lnEps());
    out.printf(Locale.ROOT, "parameters  %,d%n", c.parameterCount());
    out.printf(Locale.ROOT, "level       %d%n", q.level());
    out.printf(Locale.ROOT, "weights     %s%n", q.precision());
    out.println();
    out.println("layers");
    row(out, "patch_embed.proj", "Conv2d", c.inChans() + "x" + c.patchSize() + "x" + c.patchSize() + " -> "
        + c.embedDim() + ", stride " + c.patchSize() + ", " + c.numPatches() + " patches");
    row(out, "cls_token, pos_embed", "embedding", c.numTokens() + " tokens x " + c.embedDim());
    for (int b = 0; b < q.blocks().size(); b++) {
      QuantizedBlock blk = q.blocks().get(b);
      String p = "blocks." + b + ".";
      layerNorm(out, p + "norm1", blk.norm1());
      linear(out, p + "attn.q", blk.q());
      linear(out, p + "attn.k", blk.k());
      linear(out, p + "attn.v", blk.v());
      row(out, p + "attn", "attention", c.numHeads() + " heads x " + c.headDim()
          + String.format(Locale.ROOT, ", scale %.6g, softmax", c.attentionScale()));
      linear(out, p + "attn.proj", blk.proj());
      layerNorm(out, p + "norm2", blk.norm2());
      linear(out, p + "mlp.fc1", blk.fc1());
      row(out, p + "mlp.act", "ReLU", "(the unsigned quantizer before it clips)");
      linear(out, p + "mlp.fc2", blk.fc2());
    }
    layerNorm(out, "norm", q.norm());
    linear(out, "head", q.head());
    out.println();
    Map<String, Quantizer> quantizers = q.quantizers();
    out.printf(Locale.ROOT, "quantizers (%d)%n", quantizers.size());
    out.printf(Locale.ROOT, "  %-30s %14s  %-8s %s%n", "name", "step", "signed", "bounds");
    quantizers.forEach((name, qz) -> out.printf(Locale.ROOT, "  %-30s %14.8g  %-8s [%d, %d]%n",
        name, qz.step(), qz.signed() ? "yes" : "no", qz.qmin(), qz.qmax()));
  }

  private static void linear(PrintWriter out, String name, ExactLinear lin) {
    row(out, name, "Linear", String.format(Locale.ROOT, "%d -> %d, weight scale %.6g", lin.in(), lin.out(),
        lin.gridScale()));
  }

  private static void layerNorm(PrintWriter out, String name, LayerNormWeights ln) {
    row(out, name, "LayerNorm", ln.width() + ", eps " + ln.eps());
  }

  private static void row(PrintWriter out, String name, String op, String detail) {
    out.printf(Locale.ROOT, "  %-30s %-10s %s%n", name, op, detail);
  }
}
