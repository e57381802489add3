package org.spikezip.report;

import java.util.Locale;
import org.spikezip.model.VitConfig;

/**
 * The counting rules of the simulator (SPEC §6; README, "Energy counting") as an HTML table, with
 * this model's numbers put in: per layer, the accumulates one spike drives and the multiply-
 * accumulates of the operator feeding the layer that spikes do not drive.
 */
final class CountingRules {
  private CountingRules() {}

  static String html(VitConfig c) {
    int n = c.numTokens();
    int d = c.embedDim();
    int m = c.mlpHidden();
    StringBuilder b = new StringBuilder();
    b.append("<table class=\"rules\">\n<tr><th>layer (quantizer)</th><th>ACs per spike (fan-out)</th>"
        + "<th>MACs (not spike-driven)</th></tr>\n");
    row(b, "patch_embed.proj.1", "1 (add into the token), plus n·d = " + n * d
        + " at step 1 (cls and position embedding)", "patch convolution P·d·V = " + (long) c.numPatches() * d
        * c.patchVolume() + " per input frame (analog: step 1; rate: steps 1..L)");
    row(b, "blocks.b.norm1.1", "3·d = " + 3 * d + " (q, k and v)", "4·d = " + 4 * d + " per LayerNorm row recomputed");
    row(b, "attn.quan_q, attn.quan_k", "n = " + n + " (a column of K into a score row; of Q into a score column)",
        "d = " + d + " per row rescaled from its accumulator");
    row(b, "attn.quan_v", "n = " + n + " (a column of the attention into the output)", "d = " + d
        + " per row rescaled");
    row(b, "attn.attn_quan", "head_dim = " + c.headDim() + " (a row of V)", "3·n = " + 3 * n
        + " per softmax row recomputed");
    row(b, "attn.after_attn_quan", "d = " + d + " (proj)", "d = " + d + " per attention-times-v row recomputed");
    row(b, "attn.quan_proj, mlp.fc2.1", "1 (residual add)", "d = " + d + " per row rescaled");
    row(b, "norm2.1", "m = " + m + " (fc1)", "4·d = " + 4 * d + " per LayerNorm row recomputed");
    row(b, "mlp.act.0", "d = " + d + " (fc2)", "m = " + m + " per fc1 row rescaled");
    row(b, "norm.1", "C = " + c.numClasses() + " for a spike on the cls token (head), 0 elsewhere",
        "4·d = " + 4 * d + " per LayerNorm row recomputed");
    row(b, "head", "none (no neurons)", "C = " + c.numClasses() + " when the logits change");
    b.append("</table>\n");
    b.append(String.format(Locale.ROOT, "<p class=\"note\">n = %d tokens, d = %d, m = %d, %d heads of %d,"
        + " C = %d classes, P = %d patches, V = %d·%d² = %d.</p>\n", n, d, m, c.numHeads(), c.headDim(),
        c.numClasses(), c.numPatches(), c.inChans(), c.patchSize(), c.patchVolume()));
    return b.toString();
  }

  private static void row(StringBuilder b, String layer, String acs, String macs) {
    b.append("<tr><td><code>").append(layer).append("</code></td><td>").append(acs).append("</td><td>")
        .append(macs).append("</td></tr>\n");
  }
}
