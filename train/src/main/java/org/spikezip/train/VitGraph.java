package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.spikezip.model.VitConfig;
import org.spikezip.model.WeightNaming;
import org.spikezip.quant.QuantSite;

/**
 * The ViT forward pass on DJL arrays, float or fake-quantized, mirroring the core's
 * {@code QannForward} (SPEC §3) quantizer for quantizer:
 *
 * <pre>
 * x = [cls; Qpe(conv(img))] + pos                                      [B, N, D]
 * per block: h = Qn1(LN1(x)); q, k, v = Qq(h Wq), Qk(h Wk), Qv(h Wv)   (q quantized before the scale)
 *            a = Qattn(softmax(Qq * scale @ Qk^T))                     [B, heads, N, N]
 *            x = x + Qproj(proj(Qav(a @ Qv)))                          (Qav on [B, N, D])
 *            x = x + Qfc2(fc2(Qact(fc1(Qn2(LN2(x))))))                 (float: ReLU instead of Qact)
 * logits = head(Qnorm(LN(x))[:, 0])                                    [B, classes]
 * </pre>
 *
 * <p>The patch convolution (kernel = stride = patch) is a matrix product on patches flattened in
 * (channel, row, column) order. Spike-driven layers (q, k, v separately, proj, fc1, fc2, head) take
 * their weights through {@link Quantization#weight}; the patch embedding stays float, as in the core.
 * Every intermediate array is attached to the input's manager.
 */
final class VitGraph {
  private static final WeightNaming NAMES = WeightNaming.TIMM;

  private VitGraph() {}

  /**
   * Logits {@code [B, classes]} for images {@code [B, C, H, W]} of the parameters' type.
   * Parameters should be temporarily attached to the images' manager (see {@code tempAttachAll}).
   */
  static NDArray forward(VitParameters p, NDArray images, Quantization quant) {
    VitConfig c = p.config();
    long batch = images.getShape().get(0);
    int d = c.embedDim();
    int g = c.gridSize();
    int ps = c.patchSize();
    NDArray patches = images.reshape(batch, c.inChans(), g, ps, g, ps)
        .transpose(0, 2, 4, 1, 3, 5)
        .reshape(batch, (long) g * g, c.patchVolume());
    NDArray peWeight = p.get(NAMES.patchEmbed() + ".weight").reshape(d, c.patchVolume());
    NDArray pe = linear(patches, peWeight, p.get(NAMES.patchEmbed() + ".bias"));
    pe = quant.activation(QuantSite.PATCH_EMBED, true, pe);
    NDArray cls = p.get("cls_token").broadcast(batch, 1, d);
    NDArray x = cls.concat(pe, 1).add(p.get("pos_embed"));
    for (int b = 0; b < c.depth(); b++) {
      x = block(p, b, x, quant);
    }
    NDArray n = quant.activation(QuantSite.FINAL_NORM, true, layerNorm(p, NAMES.finalNorm(), x));
    NDArray clsOut = n.get(new NDIndex(":, 0, :"));
    return linear(clsOut, quant.weight(p.get("head.weight")), p.get("head.bias"));
  }

  private static NDArray block(VitParameters p, int b, NDArray x, Quantization quant) {
    VitConfig c = p.config();
    long batch = x.getShape().get(0);
    int n = c.numTokens();
    int d = c.embedDim();
    int heads = c.numHeads();
    int hd = c.headDim();
    NDArray h = quant.activation(QuantSite.NORM1.name(b), true, layerNorm(p, NAMES.norm1(b), x));
    NDArray qkv = linear(h, qkvWeight(p, b, quant), p.getOrNull(NAMES.qkv(b) + ".bias"));
    NDList parts = qkv.split(3, 2);
    NDArray q = quant.activation(QuantSite.Q.name(b), true, parts.get(0));
    NDArray k = quant.activation(QuantSite.K.name(b), true, parts.get(1));
    NDArray v = quant.activation(QuantSite.V.name(b), true, parts.get(2));
    q = q.mul(1.0 / Math.sqrt(hd));
    NDArray qh = heads(q, batch, n, heads, hd);
    NDArray kh = heads(k, batch, n, heads, hd);
    NDArray vh = heads(v, batch, n, heads, hd);
    NDArray attn = qh.matMul(kh.transpose(0, 1, 3, 2)).softmax(-1);
    attn = quant.activation(QuantSite.ATTN.name(b), false, attn);
    NDArray av = attn.matMul(vh).transpose(0, 2, 1, 3).reshape(batch, n, d);
    av = quant.activation(QuantSite.ATTN_V.name(b), true, av);
    NDArray proj = linear(av, quant.weight(p.get(NAMES.proj(b) + ".weight")), p.get(NAMES.proj(b) + ".bias"));
    x = x.add(quant.activation(QuantSite.PROJ.name(b), true, proj));
    NDArray h2 = quant.activation(QuantSite.NORM2.name(b), true, layerNorm(p, NAMES.norm2(b), x));
    NDArray a = linear(h2, quant.weight(p.get(NAMES.fc1(b) + ".weight")), p.get(NAMES.fc1(b) + ".bias"));
    a = quant.quantizesActivations() ? quant.activation(QuantSite.ACT.name(b), false, a) : Activation.relu(a);
    NDArray f = linear(a, quant.weight(p.get(NAMES.fc2(b) + ".weight")), p.get(NAMES.fc2(b) + ".bias"));
    return x.add(quant.activation(QuantSite.FC2.name(b), true, f));
  }

  /** The qkv weight, with q, k and v rows quantized as three tensors (the core's three layers). */
  private static NDArray qkvWeight(VitParameters p, int b, Quantization quant) {
    NDArray w = p.get(NAMES.qkv(b) + ".weight");
    if (!quant.quantizesWeights()) {
      return w;
    }
    NDList rows = w.split(3, 0);
    return quant.weight(rows.get(0)).concat(quant.weight(rows.get(1)), 0).concat(quant.weight(rows.get(2)), 0);
  }

  /** {@code [B, N, D]} to {@code [B, heads, N, headDim]}. */
  private static NDArray heads(NDArray t, long batch, int n, int heads, int hd) {
    return t.reshape(batch, n, heads, hd).transpose(0, 2, 1, 3);
  }

  private static NDArray layerNorm(VitParameters p, String prefix, NDArray x) {
    VitConfig c = p.config();
    return x.getNDArrayInternal()
        .layerNorm(x, new Shape(c.embedDim()), p.get(prefix + ".weight"), p.get(prefix + ".bias"), (float) c.lnEps())
        .singletonOrThrow();
  }

  private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
  }
}
