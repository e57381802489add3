package org.spikezip.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Locale;
import org.spikezip.model.VitConfig;

/**
 * A ViT's part of a report: its config file's keys and the counting rules of
 * {@code sim.VitOpCounter} (one image: n = patches + 1 tokens).
 */
public record VitArchitecture(VitConfig config) implements ReportedArchitecture {
  @Override
  public String kind() {
    return "vit";
  }

  @Override
  public JsonObject configJson() {
    return JsonParser.parseString(config.toJson()).getAsJsonObject();
  }

  @Override
  public String countingRulesHtml() {
    VitConfig c = config;
    int n = c.numTokens();
    int d = c.embedDim();
    int m = c.mlpHidden();
    return new RulesTable()
        .row("patch_embed.proj.1", "1 (add into the token), plus n·d = " + n * d
            + " at step 1 (cls and position embedding)", "patch convolution P·d·V = " + (long) c.numPatches() * d
            * c.patchVolume() + " per input frame (analog: step 1; rate: steps 1..L)")
        .row("blocks.b.norm1.1", "3·d = " + 3 * d + " (q, k and v)", "4·d = " + 4 * d
            + " per LayerNorm row recomputed")
        .row("attn.quan_q, attn.quan_k", "n = " + n + " (a column of K into a score row; of Q into a score column)",
            "d = " + d + " per row rescaled from its accumulator")
        .row("attn.quan_v", "n = " + n + " (a column of the attention into the output)", "d = " + d
            + " per row rescaled")
        .row("attn.attn_quan", "head_dim = " + c.headDim() + " (a row of V)", "3·n = " + 3 * n
            + " per softmax row recomputed")
        .row("attn.after_attn_quan", "d = " + d + " (proj)", "d = " + d + " per attention-times-v row recomputed")
        .row("attn.quan_proj, mlp.fc2.1", "1 (residual add)", "d = " + d + " per row rescaled")
        .row("norm2.1", "m = " + m + " (fc1)", "4·d = " + 4 * d + " per LayerNorm row recomputed")
        .row("mlp.act.0", "d = " + d + " (fc2)", "m = " + m + " per fc1 row rescaled")
        .row("norm.1", "C = " + c.numClasses() + " for a spike on the cls token (head), 0 elsewhere",
            "4·d = " + 4 * d + " per LayerNorm row recomputed")
        .row("head", "none (no neurons)", "C = " + c.numClasses() + " when the logits change")
        .html(String.format(Locale.ROOT, "n = %d tokens, d = %d, m = %d, %d heads of %d, C = %d classes,"
            + " P = %d patches, V = %d·%d² = %d.", n, d, m, c.numHeads(), c.headDim(), c.numClasses(),
            c.numPatches(), c.inChans(), c.patchSize(), c.patchVolume()));
  }
}
