package org.spikezip.report;

import com.google.gson.JsonObject;
import java.util.Locale;
import org.spikezip.model.EncoderConfig;

/**
 * A post-LN text encoder's part of a report: its configuration under Hugging Face's config keys and
 * the counting rules of {@code sim.EncoderOpCounter}, in which n, the sentence's token count
 * (padding included), differs from sentence to sentence.
 */
public record EncoderArchitecture(EncoderConfig config) implements ReportedArchitecture {
  @Override
  public String kind() {
    return "encoder";
  }

  @Override
  public JsonObject configJson() {
    JsonObject o = new JsonObject();
    o.addProperty("vocab_size", config.vocabSize());
    o.addProperty("max_position_embeddings", config.maxPositions());
    o.addProperty("type_vocab_size", config.typeVocabSize());
    o.addProperty("hidden_size", config.hidden());
    o.addProperty("num_hidden_layers", config.layers());
    o.addProperty("num_attention_heads", config.heads());
    o.addProperty("intermediate_size", config.intermediate());
    o.addProperty("num_labels", config.numClasses());
    o.addProperty("layer_norm_eps", config.lnEps());
    o.addProperty("hidden_act", config.activation().name().toLowerCase(Locale.ROOT));
    return o;
  }

  @Override
  public String countingRulesHtml() {
    int d = config.hidden();
    int m = config.intermediate();
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
        .row("output.LayerNorm.quan", "3·d + 1 = " + (3 * d + 1) + " (the next layer); in the last layer C = "
            + config.numClasses() + " for a spike on the [CLS] row (head), 0 elsewhere", layerNorm)
        .row("head", "none (no neurons)", "C = " + config.numClasses() + " when the logits change")
        .html(String.format(Locale.ROOT, "Quantizers of layer N are named encoder.layer.N.&lt;quantizer&gt;."
            + " n = the sentence's tokens (padding included), d = %d, m = %d, %d heads of %d, C = %d classes,"
            + " depth %d.", d, m, config.heads(), config.headDim(), config.numClasses(), config.layers()));
  }
}
