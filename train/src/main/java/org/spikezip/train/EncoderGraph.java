package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import org.spikezip.model.EncoderConfig;
import org.spikezip.quant.EncoderSite;

/**
 * The post-LN encoder classifier's forward pass on DJL arrays, float or fake-quantized, mirroring
 * the core's {@code EncoderQannForward} quantizer for quantizer:
 *
 * <pre>
 * x = Qemb(LN_emb(word[ids] + position[positions] + tokenType[types]))        [B, n, D]  (positions: the layout's)
 * per layer: q, k, v = Qq(x Wq), Qk(x Wk), Qv(x Wv)                            (q quantized before the scale)
 *            a = Qattn(softmax(Qq * scale @ Qk^T + mask))                      [B, heads, n, n]
 *            h = Qan(LN_attn(x + Qao(attnOut(Qav(a @ Qv)))))
 *            x = Qon(LN_out(h + Qout(out(Qinter(intermediate(h))))))           (float: the activation instead of Qinter)
 * logits = classifier(x[:, 0])  or  out_proj(tanh(dense(x[:, 0])))  (RoBERTa)   [B, classes]
 * </pre>
 *
 * In the float model the feed-forward activation is the config's (GELU for pretrained BERTs, ReLU
 * for the convertible ones). Every intermediate array is attached to the batch's manager.
 */
final class EncoderGraph {
  private EncoderGraph() {}

  /** Logits {@code [B, classes]}; parameters should be temporarily attached to the batch's manager. */
  static NDArray forward(EncoderParameters p, TextBatch batch, Quantization quant) {
    EncoderConfig c = p.config();
    NDArray emb = lookup(batch.ids(), p.get("embeddings.word_embeddings.weight"))
        .add(lookup(batch.positions(), p.get("embeddings.position_embeddings.weight")))
        .add(lookup(batch.tokenTypes(), p.get("embeddings.token_type_embeddings.weight")));
    NDArray x = quant.activation(EncoderSite.EMBEDDINGS, true, layerNorm(p, "embeddings.LayerNorm", emb));
    for (int l = 0; l < c.layers(); l++) {
      x = layer(p, l, x, batch, quant);
    }
    NDArray cls = x.get(new NDIndex(":, 0, :"));
    if (p.all().containsKey("classifier.out_proj.weight")) {
      NDArray h = linear(cls, p, "classifier.dense", quant).tanh();
      return linear(h, p, "classifier.out_proj", quant);
    }
    return linear(cls, p, "classifier", quant);
  }

  private static NDArray layer(EncoderParameters p, int l, NDArray x, TextBatch batch, Quantization quant) {
    EncoderConfig c = p.config();
    String prefix = "encoder.layer." + l + ".";
    long b = x.getShape().get(0);
    int n = batch.length();
    int d = c.hidden();
    NDArray q = quant.activation(EncoderSite.Q.name(l), true, linear(x, p, prefix + "attention.self.query", quant));
    NDArray k = quant.activation(EncoderSite.K.name(l), true, linear(x, p, prefix + "attention.self.key", quant));
    NDArray v = quant.activation(EncoderSite.V.name(l), true, linear(x, p, prefix + "attention.self.value", quant));
    q = q.mul(c.attentionScale());
    NDArray scores = heads(q, b, n, c).matMul(heads(k, b, n, c).transpose(0, 1, 3, 2)).add(batch.additiveMask());
    NDArray attn = quant.activation(EncoderSite.ATTN.name(l), false, scores.softmax(-1));
    NDArray av = attn.matMul(heads(v, b, n, c)).transpose(0, 2, 1, 3).reshape(b, n, d);
    av = quant.activation(EncoderSite.ATTN_V.name(l), true, av);
    NDArray ao = quant.activation(EncoderSite.ATTN_OUT.name(l), true,
        linear(av, p, prefix + "attention.output.dense", quant));
    NDArray h = quant.activation(EncoderSite.ATTN_NORM.name(l), true,
        layerNorm(p, prefix + "attention.output.LayerNorm", x.add(ao)));
    NDArray inter = linear(h, p, prefix + "intermediate.dense", quant);
    inter = quant.quantizesActivations()
        ? quant.activation(EncoderSite.INTER.name(l), false, inter)
        : activation(c, inter);
    NDArray out = quant.activation(EncoderSite.OUT.name(l), true, linear(inter, p, prefix + "output.dense", quant));
    return quant.activation(EncoderSite.OUT_NORM.name(l), true,
        layerNorm(p, prefix + "output.LayerNorm", h.add(out)));
  }

  private static NDArray activation(EncoderConfig c, NDArray x) {
    return switch (c.activation()) {
      case RELU -> Activation.relu(x);
      case GELU -> Activation.gelu(x);
    };
  }

  /** Rows of {@code table} at the int64 indices {@code ids}: {@code [B, n, D]}. */
  private static NDArray lookup(NDArray ids, NDArray table) {
    return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  /** {@code [B, n, D]} to {@code [B, heads, n, headDim]}. */
  private static NDArray heads(NDArray t, long b, int n, EncoderConfig c) {
    return t.reshape(b, n, c.heads(), c.headDim()).transpose(0, 2, 1, 3);
  }

  private static NDArray layerNorm(EncoderParameters p, String prefix, NDArray x) {
    EncoderConfig c = p.config();
    return x.getNDArrayInternal()
        .layerNorm(x, new Shape(c.hidden()), p.get(prefix + ".weight"), p.get(prefix + ".bias"), (float) c.lnEps())
        .singletonOrThrow();
  }

  private static NDArray linear(NDArray x, EncoderParameters p, String prefix, Quantization quant) {
    return x.getNDArrayInternal()
        .linear(x, quant.weight(p.get(prefix + ".weight")), p.get(prefix + ".bias"))
        .singletonOrThrow();
  }
}
