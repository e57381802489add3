package org.spikezip.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spikezip.error.SpikezipException;
import org.spikezip.model.LayerNormWeights;
import org.spikezip.model.VitConfig;
import org.spikezip.quant.ExactLinear;
import org.spikezip.quant.QuantizedBlock;
import org.spikezip.quant.QuantizedVit;
import org.spikezip.quant.Quantizer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code spikezip inspect}: a model's layers, quantizers (step, signedness, bounds) and size. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Shows a model's configuration, parameter count, weight representation, layers and"
        + " quantizers (step, signedness, bounds). A quantizer's step is the threshold of the SNN neurons"
        + " that replace it.")
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1", heading = "Model (a QANN, or an SNN file):%n")
  ModelOptions model;

  @Override
  public Integer call() throws SpikezipException {
    LoadedModel m = model.load();
    m.warnings().forEach(w -> ErrorHandler.warn(spec.commandLine().getErr(), w));
    PrintWriter out = spec.commandLine().getOut();
    QuantizedVit q = m.qann();
    VitConfig c = q.config();
    out.printf(Locale.ROOT, "source      %s%n", m.source());
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
    return 0;
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
