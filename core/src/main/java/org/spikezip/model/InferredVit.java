package org.spikezip.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spikezip.error.InvalidInputException;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.error.SpikezipException;
import org.spikezip.error.UnsupportedModelException;
import org.spikezip.io.TensorStore;
import org.spikezip.io.TextQuoting;
import org.spikezip.tensor.Shape;

/**
 * A ViT's architecture read off its checkpoint's tensor shapes:
 *
 * <ul>
 *   <li>embed_dim, in_chans, patch_size from the patch kernel {@code [dim, in_chans, patch, patch]};
 *   <li>img_size from the position embedding {@code [1, 1 + g*g, dim]}: {@code g * patch};
 *   <li>depth from the largest block index N in {@code blocks.N.*}, plus one;
 *   <li>the MLP's hidden width from block 0's fc1 {@code [hidden, dim]}, num_classes from the head
 *       {@code [classes, dim]}, qkv_bias from the presence of block 0's qkv bias;
 *   <li>global_pool from the presence of an {@code fc_norm} (the mean-pooled head's LayerNorm).
 * </ul>
 *
 * <p>The shapes do not tell the number of heads (qkv is {@code [3 dim, dim]} for any head count):
 * {@link #config(int)} takes it. Nor do they tell the LayerNorm epsilon or the activation:
 * timm's 1e-6 and ReLU (the release's QANNs use it) are assumed.
 */
public record InferredVit(int imgSize, int patchSize, int inChans, int embedDim, int depth, int mlpHidden,
    int numClasses, boolean qkvBias, boolean globalPool) {
  /** The LayerNorm epsilon assumed: timm's. */
  public static final double ASSUMED_LN_EPS = 1e-6;
  private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d{1,6})\\..*");

  /**
   * Infers the architecture of the ViT in {@code store}, named by {@code naming}.
   *
   * @throws MalformedWeightsException if a tensor the shapes come from is missing or has a shape no ViT has
   * @throws UnsupportedModelException if the position embedding has no cls-token slot
   */
  public static InferredVit infer(TensorStore store, WeightNaming naming) throws SpikezipException {
    String patchName = naming.patchEmbed() + ".weight";
    String fc1Name = naming.fc1(0) + ".weight";
    List<String> missing = new ArrayList<>();
    for (String name : List.of(patchName, "pos_embed", fc1Name, "head.weight")) {
      if (!store.contains(name)) {
        missing.add(TextQuoting.quote(name));
      }
    }
    if (!missing.isEmpty()) {
      throw new MalformedWeightsException(store.source() + ": cannot infer the ViT's shape: missing "
          + String.join(", ", missing));
    }
    Shape patch = store.shape(patchName);
    if (patch.rank() != 4 || patch.dim(2) != patch.dim(3)) {
      throw misshaped(store, patchName, patch, "[dim, in_chans, patch, patch]");
    }
    int dim = patch.dim(0);
    Shape pos = store.shape("pos_embed");
    if (pos.rank() != 3 || pos.dim(0) != 1 || pos.dim(2) != dim) {
      throw misshaped(store, "pos_embed", pos, "[1, tokens, " + dim + "]");
    }
    int grid = squareRoot(pos.dim(1) - 1);
    if (grid < 1) {
      if (squareRoot(pos.dim(1)) > 0) {
        throw new UnsupportedModelException(store.source() + ": 'pos_embed' holds " + pos.dim(1) + " tokens, a"
            + " square number: a ViT without a cls token, which SpikeZIP-TF does not convert");
      }
      throw misshaped(store, "pos_embed", pos, "[1, 1 + patches, " + dim + "] with a square number of patches");
    }
    Shape fc1 = store.shape(fc1Name);
    if (fc1.rank() != 2 || fc1.dim(1) != dim) {
      throw misshaped(store, fc1Name, fc1, "[hidden, " + dim + "]");
    }
    Shape head = store.shape("head.weight");
    if (head.rank() != 2 || head.dim(1) != dim) {
      throw misshaped(store, "head.weight", head, "[classes, " + dim + "]");
    }
    return new InferredVit(grid * patch.dim(2), patch.dim(2), patch.dim(1), dim, depth(store), fc1.dim(0),
        head.dim(0), store.contains(naming.qkv(0) + ".bias"),
        store.names().stream().anyMatch(n -> n.startsWith("fc_norm.")));
  }

  private static int depth(TensorStore store) {
    int depth = 0;
    for (String name : store.names()) {
      Matcher m = BLOCK.matcher(name);
      if (m.matches()) {
        depth = Math.max(depth, Integer.parseInt(m.group(1)) + 1);
      }
    }
    return depth;
  }

  /** The square root of {@code n} if it is a positive square, else 0. */
  private static int squareRoot(int n) {
    int r = (int) Math.round(Math.sqrt(Math.max(n, 0)));
    return n > 0 && r * r == n ? r : 0;
  }

  private static MalformedWeightsException misshaped(TensorStore store, String name, Shape found, String expected) {
    return new MalformedWeightsException(store.source() + ": cannot infer the ViT's shape: "
        + TextQuoting.quote(name) + " has shape " + found + ", expected " + expected);
  }

  /**
   * The config with {@code numHeads} heads, timm's LayerNorm epsilon and ReLU.
   *
   * @throws InvalidInputException if {@code numHeads} does not divide embed_dim, or the shapes make no valid config
   */
  public VitConfig config(int numHeads) throws InvalidInputException {
    try {
      return new VitConfig(imgSize, patchSize, inChans, embedDim, depth, numHeads, (double) mlpHidden / embedDim,
          numClasses, qkvBias, ASSUMED_LN_EPS, Activation.RELU, globalPool);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("the config inferred from the tensor shapes is not valid: " + e.getMessage(), e);
    }
  }

  /** One line: images, channels, patch, dim, depth, mlp width, classes, qkv bias and head. */
  public String describe() {
    return String.format(Locale.ROOT, "ViT: %dx%d images, %d channels, patch %d, dim %d, depth %d, mlp %d, %d classes,"
            + " %s, %s", imgSize, imgSize, inChans, patchSize, embedDim, depth, mlpHidden, numClasses,
        qkvBias ? "qkv bias" : "no qkv bias", globalPool ? "mean-pooled head (fc_norm)" : "cls-token head");
  }
}
