package org.spikezip.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Locale;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderConfigJson;
import org.spikezip.model.EncoderLayout;

/**
 * A post-LN text encoder's part of a report: its configuration under Hugging Face's config keys
 * ({@link EncoderConfigJson}) and
 * the counting rules of {@code sim.EncoderOpCounter}, in which n, the sentence's token count
 * (padding included), differs from sentence to sentence; the head is the layout's default (BERT:
 * one classifier, RoBERTa: dense, tanh and out_proj).
 */
public record EncoderArchitecture(EncoderConfig config) implements ReportedArchitecture {
  @Override
  public String kind() {
    return "encoder";
  }

  @Override
  public JsonObject configJson() {
    return JsonParser.parseString(EncoderConfigJson.toJson(config)).getAsJsonObject();
  }

  @Override
  public String countingRulesHtml() {
    int d = config.hidden();
    int m = config.intermediate();
    int c = config.numClasses();
    boolean bert = config.layout() == EncoderLayout.BERT;
    String headWidth = bert ? "C = " + c + " (classifier)" : "d = " + d + " (classifier.dense)";
    String readout = bert ? "" : " plus d + C·d = " + (d + c * d) + " for the readout (tanh, out_proj)";
    String layerNorm = "4·d = " + 4 * d + " per LayerNorm row recomputed";
    String rescaled = "d = " + d + " per row rescaled from its accumulator";
    return new RulesTable()
        .row("embeddings.LayerNorm.quan", "3·d + 1 = " + (3 * d + 1) + " (q, k, v and the residual add), plus"
            + " 2·n·d at step 1 (word + position + type embedding)", "4·d·n at step 1 (the embedding LayerNorm,"
            + " once)")
        .row("attention.self.quan_q, quan_k", "n (a column of K into a score row; of Q into a score column)",
            rescaled)
        .row("attention.self.quan_v", "n (a column of the attention into the output)", rescaled)
        .row("attention.self.attn_quan", "head_dim = " + config.headDim() + " (a row of V)",
            "3·n per softmax row recomputed (the padding mask included)")
        .row("attention.self.after_attn_quan", "d = " + d + " (attention output dense)",
            "d = " + d + " per attention-times-v row recomputed")
        .row("attention.output.dense.quan, output.dense.quan", "1 (residual add)", rescaled)
        .row("attention.output.LayerNorm.quan", "m + 1 = " + (m + 1) + " (intermediate and the residual add)",
            layerNorm)
        .row("intermediate.quan", "d = " + d + " (output dense)", "m = " + m + " per intermediate row rescaled")
        .row("output.LayerNorm.quan", "3·d + 1 = " + (3 * d + 1) + " (the next layer); in the last layer "
            + headWidth + " for a spike on the [CLS] row (head), 0 elsewhere", layerNorm)
        .row("head", "none (no neurons)", headWidth + " when the head's first layer changes" + readout)
        .html(String.format(Locale.ROOT, "Quantizers of layer N are named encoder.layer.N.&lt;quantizer&gt;."
            + " n = the sentence's tokens (padding included), d = %d, m = %d, %d heads of %d, C = %d classes,"
            + " depth %d, %s layout.", d, m, config.heads(), config.headDim(), c, config.layers(),
            config.layout().name().toLowerCase(Locale.ROOT)));
  }
}
