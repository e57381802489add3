package org.spikezip.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.TensorStore;
import org.spikezip.io.TextQuoting;
import org.spikezip.tensor.Shape;

/**
 * The tensors a model needs from a checkpoint, by name, each with its shape, in the model's order; and
 * the check of a checkpoint against them, which collects every missing, mis-shaped and unexpected
 * tensor instead of stopping at the first.
 *
 * <p>A scalar ({@code []}) matches any shape of one element: PyTorch stores a scalar parameter as
 * {@code []} or {@code [1]}.
 *
 * @param shapes the shape of every tensor, by name
 */
public record TensorLayout(Map<String, Shape> shapes) {
  public TensorLayout {
    shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
  }

  /**
   * What a checkpoint holds that does not fit a layout, one line per tensor.
   *
   * @param problems each missing or mis-shaped tensor, as "missing 'x', expected [8]" or "'x' has shape
   *     [4], expected [8]"
   * @param unexpected the names of the store's tensors that the layout does not have, in file order
   */
  public record Check(List<String> problems, List<String> unexpected) {
    /** How many problems {@link #message} names before it only counts the rest. */
    public static final int LISTED = 5;

    public Check {
      problems = List.copyOf(problems);
      unexpected = List.copyOf(unexpected);
    }

    /**
     * One line for an error: "{@code <source>: 3 tensor(s) do not fit <model>: <problem>; <problem>; ...}",
     * the first {@value #LISTED} problems and how many more there are.
     */
    public String message(String source, String model) {
      int shown = Math.min(LISTED, problems.size());
      return source + ": " + problems.size() + " tensor(s) do not fit " + model + ": "
          + String.join("; ", problems.subList(0, shown))
          + (problems.size() > shown ? "; and " + (problems.size() - shown) + " more ('spikezip inspect "
              + source + "' lists them all)" : "");
    }
  }

  /**
   * The tensors of a ViT of {@code config} under {@code naming}, in timm's order: the patch kernel
   * {@code [embedDim, inChans, patch, patch]}, cls token {@code [1, 1, embedDim]} and position
   * embedding {@code [1, tokens, embedDim]}, per block the LayerNorms, qkv (its bias only if the config
   * has one), proj, fc1 and fc2, the final LayerNorm and the head; Linear weights are {@code [out, in]}.
   */
  public static TensorLayout vit(VitConfig config, WeightNaming naming) {
    int d = config.embedDim();
    int h = config.mlpHidden();
    Map<String, Shape> m = new LinkedHashMap<>();
    m.put("cls_token", Shape.of(1, 1, d));
    m.put("pos_embed", Shape.of(1, config.numTokens(), d));
    m.put(naming.patchEmbed() + ".weight", Shape.of(d, config.inChans(), config.patchSize(), config.patchSize()));
    m.put(naming.patchEmbed() + ".bias", Shape.of(d));
    for (int b = 0; b < config.depth(); b++) {
      layerNorm(m, naming.norm1(b), d);
      linear(m, naming.qkv(b), 3 * d, d, config.qkvBias());
      linear(m, naming.proj(b), d, d, true);
      layerNorm(m, naming.norm2(b), d);
      linear(m, naming.fc1(b), h, d, true);
      linear(m, naming.fc2(b), d, h, true);
    }
    layerNorm(m, naming.finalNorm(), d);
    linear(m, "head", config.numClasses(), d, true);
    return new TensorLayout(m);
  }

  private static void layerNorm(Map<String, Shape> m, String prefix, int width) {
    m.put(prefix + ".weight", Shape.of(width));
    m.put(prefix + ".bias", Shape.of(width));
  }

  private static void linear(Map<String, Shape> m, String prefix, int out, int in, boolean hasBias) {
    m.put(prefix + ".weight", Shape.of(out, in));
    if (hasBias) {
      m.put(prefix + ".bias", Shape.of(out));
    }
  }

  /** This layout followed by {@code more}. */
  public TensorLayout with(Map<String, Shape> more) {
    Map<String, Shape> all = new LinkedHashMap<>(shapes);
    all.putAll(more);
    return new TensorLayout(all);
  }

  /** The shape of tensor {@code name}, which must be in the layout. */
  public Shape shape(String name) {
    Shape s = shapes.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no tensor '" + name + "' in this layout");
    }
    return s;
  }

  /** Whether a tensor of shape {@code found} fits the slot of shape {@code expected}. */
  public static boolean fits(Shape expected, Shape found) {
    return expected.equals(found) || (expected.rank() == 0 && found.size() == 1);
  }

  /** Checks every tensor of the layout against {@code store}, and lists the store's other tensors. */
  public Check check(TensorStore store) throws MalformedWeightsException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Shape> e : shapes.entrySet()) {
      String name = TextQuoting.quote(e.getKey());
      String expected = e.getValue().rank() == 0 ? "a scalar" : e.getValue().toString();
      if (!store.contains(e.getKey())) {
        problems.add("missing " + name + ", expected " + expected);
      } else if (!fits(e.getValue(), store.shape(e.getKey()))) {
        problems.add(name + " has shape " + store.shape(e.getKey()) + ", expected " + expected);
      }
    }
    List<String> unexpected = new ArrayList<>();
    for (String name : store.names()) {
      if (!shapes.containsKey(name)) {
        unexpected.add(name);
      }
    }
    return new Check(problems, unexpected);
  }
}
