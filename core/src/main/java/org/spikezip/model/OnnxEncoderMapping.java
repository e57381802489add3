package org.spikezip.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.CheckedTensors;
import org.spikezip.io.onnx.OnnxNode;
import org.spikezip.io.onnx.OnnxTensorStore;
import org.spikezip.tensor.Shape;

/**
 * Maps the initializers of a BERT encoder exported to ONNX by PyTorch (such as all-MiniLM-L6-v2)
 * onto {@link EncoderWeights}.
 *
 * <p>Embeddings and LayerNorms are found by their Hugging Face names
 * ({@code embeddings.word_embeddings.weight}, {@code encoder.layer.N.output.LayerNorm.bias}, ...).
 * Dense layers are found through the graph, since exporters often store their weights anonymously
 * (as {@code onnx::MatMul_787}): each {@code MatMul} with a rank-2 initializer input is a dense
 * layer named after its node ({@code /encoder/layer.0/attention/self/query/MatMul} is
 * {@code encoder.layer.0.attention.self.query}), or after its weight initializer when that is
 * called {@code X.weight}; its bias is the initializer added to its output by the following
 * {@code Add}. The MatMul weight is stored {@code [in, out]} and transposed to PyTorch's
 * {@code [out, in]}.
 *
 * <p>The hidden size, vocabulary, positions, token types, layer count and intermediate size are
 * read from the shapes, and every shape is checked against them. The head count cannot be seen in
 * the weights and is a parameter; the LayerNorm eps, decomposed into elementwise nodes by the
 * exporter, is one too. The feed-forward activation is read from the graph: {@code Erf} or
 * {@code Gelu} nodes mean GELU, {@code Relu} nodes ReLU. A sentence-embedding model has no
 * classifier; the caller supplies one (or gets zeros), as a {@link LinearHead}. The layout is
 * {@link EncoderLayout#BERT} (positions {@code 0..n-1}).
 */
public final class OnnxEncoderMapping {
  private static final Pattern LAYER = Pattern.compile("(?:^|\\.)encoder\\.layer\\.(\\d+)\\.");
  private static final String WORD = "embeddings.word_embeddings.weight";

  /** A dense layer found in the graph: its weight and bias initializer names ({@code bias} may be null). */
  private record Dense(String weight, String bias) {}

  private final OnnxTensorStore store;
  private final Map<String, Dense> dense;
  private final List<String> missing = new ArrayList<>();

  private OnnxEncoderMapping(OnnxTensorStore store) {
    this.store = store;
    this.dense = denseLayers(store);
  }

  /**
   * Reads the encoder with a zero classifier of {@code numClasses} outputs.
   *
   * @param heads attention heads (all-MiniLM-L6-v2: 12)
   * @param lnEps every LayerNorm's eps (BERT: {@link EncoderConfig#BERT_LN_EPS})
   */
  public static EncoderWeights read(OnnxTensorStore store, int heads, double lnEps, int numClasses)
      throws MalformedWeightsException {
    return new OnnxEncoderMapping(store).read(heads, lnEps, numClasses, null);
  }

  /** Reads the encoder with the given classifier ({@code [numClasses, hidden]}). */
  public static EncoderWeights read(OnnxTensorStore store, int heads, double lnEps, LinearWeights classifier)
      throws MalformedWeightsException {
    return new OnnxEncoderMapping(store).read(heads, lnEps, classifier.out(), classifier);
  }

  private static Map<String, Dense> denseLayers(OnnxTensorStore store) {
    Map<String, List<OnnxNode>> consumers = new HashMap<>();
    for (OnnxNode n : store.nodes()) {
      for (String in : n.inputs()) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
      }
    }
    Map<String, Dense> found = new HashMap<>();
    for (OnnxNode n : store.nodes()) {
      if (!n.opType().equals("MatMul") || n.inputs().size() != 2 || n.outputs().size() != 1) {
        continue;
      }
      String weight = store.contains(n.inputs().get(1)) ? n.inputs().get(1) : null;
      if (weight == null) {
        continue;
      }
      String module = moduleName(n, weight);
      if (module == null) {
        continue;
      }
      String bias = null;
      for (OnnxNode c : consumers.getOrDefault(n.outputs().get(0), List.of())) {
        if (c.opType().equals("Add") && c.inputs().size() == 2) {
          for (String in : c.inputs()) {
            if (!in.equals(n.outputs().get(0)) && store.contains(in)) {
              bias = in;
            }
          }
        }
      }
      found.put(module, new Dense(weight, bias));
    }
    return found;
  }

  /** {@code X} for a weight called {@code X.weight}, else the node name with '/' as '.' and no {@code /MatMul}. */
  private static String moduleName(OnnxNode n, String weight) {
    if (weight.endsWith(".weight")) {
      return weight.substring(0, weight.length() - ".weight".length());
    }
    String name = n.name();
    if (name.isEmpty()) {
      return null;
    }
    name = name.startsWith("/") ? name.substring(1) : name;
    int cut = name.lastIndexOf('/');
    return cut < 0 ? null : name.substring(0, cut).replace('/', '.');
  }

  private EncoderWeights read(int heads, double lnEps, int numClasses, LinearWeights classifier)
      throws MalformedWeightsException {
    String prefix = prefix();
    Shape wordShape = store.shape(prefix + WORD);
    if (wordShape.rank() != 2) {
      throw new MalformedWeightsException(store.source() + ": tensor '" + prefix + WORD + "' has shape " + wordShape
          + ", expected [vocab, hidden]");
    }
    int vocab = wordShape.dim(0);
    int d = wordShape.dim(1);
    int positions = rows(prefix + "embeddings.position_embeddings.weight", d);
    int types = rows(prefix + "embeddings.token_type_embeddings.weight", d);
    int layers = layerCount();
    if (layers == 0) {
      throw new MalformedWeightsException(store.source() + ": no encoder.layer.N tensors or MatMul nodes found");
    }
    Dense inter0 = dense.get(prefix + "encoder.layer.0.intermediate.dense");
    if (inter0 == null) {
      throw new MalformedWeightsException(store.source() + ": no MatMul for encoder.layer.0.intermediate.dense");
    }
    Shape interShape = store.shape(inter0.weight());
    if (interShape.rank() != 2 || interShape.dim(0) != d) {
      throw new MalformedWeightsException(store.source() + ": tensor '" + inter0.weight() + "' (encoder.layer.0"
          + ".intermediate.dense) has shape " + interShape + ", expected [" + d + ", intermediate]");
    }
    int m = interShape.dim(1);
    EncoderConfig config = new EncoderConfig(vocab, positions, types, d, layers, heads, m, numClasses, lnEps,
        activation(), EncoderLayout.BERT);
    String what = EncoderCheckpoint.describe(config);
    double[] word = expect(prefix + WORD, what, vocab, d);
    double[] pos = expect(prefix + "embeddings.position_embeddings.weight", what, positions, d);
    double[] type = expect(prefix + "embeddings.token_type_embeddings.weight", what, types, d);
    LayerNormWeights embNorm = layerNorm(prefix + "embeddings.LayerNorm", d, lnEps, what);
    List<EncoderLayerWeights> ls = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      String p = prefix + "encoder.layer." + l + ".";
      ls.add(new EncoderLayerWeights(
          linear(p + "attention.self.query", d, d, what),
          linear(p + "attention.self.key", d, d, what),
          linear(p + "attention.self.value", d, d, what),
          linear(p + "attention.output.dense", d, d, what),
          layerNorm(p + "attention.output.LayerNorm", d, lnEps, what),
          linear(p + "intermediate.dense", m, d, what),
          linear(p + "output.dense", d, m, what),
          layerNorm(p + "output.LayerNorm", d, lnEps, what)));
    }
    Optional<LinearWeights> pooler = dense.containsKey(prefix + "pooler.dense")
        ? Optional.of(linear(prefix + "pooler.dense", d, d, what))
        : Optional.empty();
    if (!missing.isEmpty()) {
      throw new MalformedWeightsException(store.source() + ": missing for " + what + ": "
          + String.join(", ", missing));
    }
    LinearWeights head = classifier != null ? classifier
        : new LinearWeights(numClasses, d, new double[numClasses * d], new double[numClasses]);
    if (head.in() != d) {
      throw new MalformedWeightsException(store.source() + ": the classifier reads " + head.in()
          + " features, expected the hidden size " + d);
    }
    return new EncoderWeights(config, word, pos, type, embNorm, ls, pooler, new LinearHead(head));
  }

  /** What comes before {@code embeddings.word_embeddings.weight} (empty, or {@code bert.}). */
  private String prefix() throws MalformedWeightsException {
    if (store.contains(WORD)) {
      return "";
    }
    for (String name : store.names()) {
      if (name.endsWith("." + WORD)) {
        return name.substring(0, name.length() - WORD.length());
      }
    }
    CheckedTensors.read(store, WORD, "a BERT encoder");
    throw new IllegalStateException("bug: unreachable");
  }

  private int rows(String name, int d) throws MalformedWeightsException {
    if (!store.contains(name)) {
      CheckedTensors.read(store, name, "a BERT encoder with hidden " + d);
    }
    Shape s = store.shape(name);
    if (s.rank() != 2 || s.dim(1) != d) {
      throw new MalformedWeightsException(store.source() + ": tensor '" + name + "' has shape " + s
          + ", expected [rows, " + d + "] for hidden " + d);
    }
    return s.dim(0);
  }

  /** One more than the largest N in {@code encoder.layer.N.} among initializers and dense layers. */
  private int layerCount() {
    int max = -1;
    List<String> names = new ArrayList<>(store.names());
    names.addAll(dense.keySet().stream().map(k -> k + ".").toList());
    for (String name : names) {
      Matcher mt = LAYER.matcher(name);
      if (mt.find()) {
        max = Math.max(max, Integer.parseInt(mt.group(1)));
      }
    }
    return max + 1;
  }

  private Activation activation() throws MalformedWeightsException {
    boolean gelu = false;
    boolean relu = false;
    for (OnnxNode n : store.nodes()) {
      switch (n.opType()) {
        case "Erf", "Gelu", "FastGelu", "BiasGelu" -> gelu = true;
        case "Relu" -> relu = true;
        default -> { }
      }
    }
    if (gelu == relu) {
      throw new MalformedWeightsException(store.source() + ": cannot tell the feed-forward activation: the graph has "
          + (gelu ? "both GELU (Erf/Gelu) and Relu nodes" : "neither GELU (Erf/Gelu) nor Relu nodes"));
    }
    return gelu ? Activation.GELU : Activation.RELU;
  }

  private LayerNormWeights layerNorm(String name, int d, double eps, String what) throws MalformedWeightsException {
    if (!store.contains(name + ".weight") || !store.contains(name + ".bias")) {
      missing.add(name + ".{weight,bias}");
      return new LayerNormWeights(new double[d], new double[d], eps);
    }
    return new LayerNormWeights(expect(name + ".weight", what, d), expect(name + ".bias", what, d), eps);
  }

  /** The dense layer {@code module} in PyTorch layout, from its {@code [in, out]} MatMul weight. */
  private LinearWeights linear(String module, int out, int in, String what) throws MalformedWeightsException {
    Dense found = dense.get(module);
    if (found == null || found.bias() == null) {
      missing.add(found == null ? "a MatMul for " + module : "the bias Add after " + module + "'s MatMul");
      return new LinearWeights(out, in, new double[out * in], new double[out]);
    }
    double[] stored = expectAs(found.weight(), module + " weight, [in, out]", what, in, out);
    double[] w = new double[out * in];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        w[o * in + i] = stored[i * out + o];
      }
    }
    return new LinearWeights(out, in, w, expectAs(found.bias(), module + " bias", what, out));
  }

  private double[] expect(String name, String what, int... dims) throws MalformedWeightsException {
    return CheckedTensors.read(store, name, what, dims).toArray();
  }

  /** Like {@link #expect}, naming the role of an anonymous initializer in the message. */
  private double[] expectAs(String name, String role, String what, int... dims) throws MalformedWeightsException {
    return CheckedTensors.read(store, name, role + " of " + what, dims).toArray();
  }
}
