package org.spikezip.model;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spikezip.error.InvalidInputException;

/**
 * A Vision Transformer in timm's layout (cls token, learned position embedding, pre-LN blocks,
 * head on the cls token), with the JSON keys of the original release's config
 * ({@code img_size, patch_size, in_chans, embed_dim, depth, num_heads, mlp_ratio, num_classes,
 * qkv_bias, ln_eps, act_layer, global_pool}).
 *
 * @param imgSize input height and width in pixels
 * @param patchSize patch height and width; must divide {@code imgSize}
 * @param inChans input channels
 * @param embedDim token width; must be divisible by {@code numHeads}
 * @param depth number of blocks
 * @param numHeads attention heads
 * @param mlpRatio MLP hidden width over {@code embedDim}
 * @param numClasses head outputs
 * @param qkvBias whether the qkv projection has a bias
 * @param lnEps every LayerNorm's epsilon (timm ViTs use 1e-6)
 * @param activation the MLP activation
 * @param globalPool whether the head reads the mean of the patch tokens instead of the cls token
 */
public record VitConfig(
    int imgSize,
    int patchSize,
    int inChans,
    int embedDim,
    int depth,
    int numHeads,
    double mlpRatio,
    int numClasses,
    boolean qkvBias,
    double lnEps,
    Activation activation,
    boolean globalPool) {

  public VitConfig {
    positive("img_size", imgSize);
    positive("patch_size", patchSize);
    positive("in_chans", inChans);
    positive("embed_dim", embedDim);
    positive("depth", depth);
    positive("num_heads", numHeads);
    positive("num_classes", numClasses);
    if (imgSize % patchSize != 0) {
      throw new IllegalArgumentException(
          "patch_size must divide img_size, got img_size " + imgSize + " and patch_size " + patchSize);
    }
    if (embedDim % numHeads != 0) {
      throw new IllegalArgumentException(
          "num_heads must divide embed_dim, got embed_dim " + embedDim + " and num_heads " + numHeads);
    }
    if (!(mlpRatio > 0) || Double.isInfinite(mlpRatio) || Math.rint(embedDim * mlpRatio) != embedDim * mlpRatio) {
      throw new IllegalArgumentException(
          "mlp_ratio times embed_dim must be a positive whole number, got " + mlpRatio + " x " + embedDim);
    }
    if (!(lnEps > 0) || Double.isInfinite(lnEps)) {
      throw new IllegalArgumentException("ln_eps must be positive and finite, got " + lnEps);
    }
    if (activation == null) {
      throw new IllegalArgumentException("act_layer must be given");
    }
  }

  private static void positive(String key, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
  }

  /** Patches per side. */
  public int gridSize() {
    return imgSize / patchSize;
  }

  public int numPatches() {
    return gridSize() * gridSize();
  }

  /** Tokens including the cls token. */
  public int numTokens() {
    return numPatches() + 1;
  }

  public int headDim() {
    return embedDim / numHeads;
  }

  /** The factor {@code 1/sqrt(headDim)} on the attention scores {@code q k^T}. */
  public double attentionScale() {
    return 1.0 / Math.sqrt(headDim());
  }

  public int mlpHidden() {
    return (int) Math.rint(embedDim * mlpRatio);
  }

  /** Values in one flattened patch: channels x patch x patch. */
  public int patchVolume() {
    return inChans * patchSize * patchSize;
  }

  /** Parameters of the float model (timm's count). */
  public long parameterCount() {
    long d = embedDim;
    long h = mlpHidden();
    long perBlock = 2 * 2 * d // two LayerNorms
        + d * 3 * d + (qkvBias ? 3 * d : 0)
        + d * d + d
        + d * h + h + h * d + d;
    return (long) patchVolume() * d + d // patch embedding
        + d + (long) numTokens() * d // cls, pos
        + depth * perBlock
        + 2 * d // final norm
        + d * numClasses + numClasses;
  }

  /** The config as the original release's JSON object. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("img_size", imgSize);
    m.put("patch_size", patchSize);
    m.put("in_chans", inChans);
    m.put("embed_dim", embedDim);
    m.put("depth", depth);
    m.put("num_heads", numHeads);
    m.put("mlp_ratio", mlpRatio);
    m.put("num_classes", numClasses);
    m.put("qkv_bias", qkvBias);
    m.put("ln_eps", lnEps);
    m.put("act_layer", activation.name().toLowerCase(java.util.Locale.ROOT));
    m.put("global_pool", globalPool);
    return new Gson().toJson(m);
  }

  /** Reads a config JSON file; see {@link #fromJson}. */
  public static VitConfig read(Path file) throws InvalidInputException {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read config (" + e + ")", e);
    }
    return fromJson(json, file.toString());
  }

  /**
   * Reads a config from JSON: either the object itself or an object with a {@code config} member
   * (as in the golden vectors' sidecar files). Missing keys take timm's defaults except the sizes.
   */
  public static VitConfig fromJson(String json, String source) throws InvalidInputException {
    JsonObject o = ConfigJson.object(json, source, "ViT config");
    try {
      return new VitConfig(
          ConfigJson.intKey(o, "img_size", source, null),
          ConfigJson.intKey(o, "patch_size", source, null),
          ConfigJson.intKey(o, "in_chans", source, 3),
          ConfigJson.intKey(o, "embed_dim", source, null),
          ConfigJson.intKey(o, "depth", source, null),
          ConfigJson.intKey(o, "num_heads", source, null),
          o.has("mlp_ratio") ? ConfigJson.number(o, "mlp_ratio", source) : 4.0,
          ConfigJson.intKey(o, "num_classes", source, 1000),
          !o.has("qkv_bias") || ConfigJson.bool(o, "qkv_bias", source),
          o.has("ln_eps") ? ConfigJson.number(o, "ln_eps", source) : 1e-6,
          o.has("act_layer") ? Activation.parse(o.get("act_layer").getAsString()) : Activation.RELU,
          o.has("global_pool") && globalPool(o.get("global_pool")));
    } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
      throw new InvalidInputException(source + ": " + e.getMessage());
    }
  }

  private static boolean globalPool(JsonElement e) {
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
      return e.getAsBoolean();
    }
    String s = e.getAsString();
    return !(s.isEmpty() || s.equals("token"));
  }
}
