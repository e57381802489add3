package org.spikezip.io.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.NearNames;
import org.spikezip.io.TensorStore;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * The initializers of an ONNX graph as named tensors, with the graph's nodes in order and its input
 * and output names, for mapping the graph onto a model's parameters. Note that exporters store a
 * MatMul weight as {@code [in, out]}, the transpose of a PyTorch Linear weight.
 *
 * <p>{@link #metadata()} holds the model's {@code ir_version}, {@code producer_name},
 * {@code producer_version}, one {@code opset.<domain>} entry per imported operator set (the default
 * domain is {@code ai.onnx}) and its {@code metadata_props}.
 */
public final class OnnxTensorStore implements TensorStore {
  private final String source;
  private final String graphName;
  private final Map<String, OnnxInitializer> initializers;
  private final List<OnnxNode> nodes;
  private final List<String> graphInputs;
  private final List<String> graphOutputs;
  private final Map<String, String> metadata;

  OnnxTensorStore(String source, String graphName, Map<String, OnnxInitializer> initializers, List<OnnxNode> nodes,
      List<String> graphInputs, List<String> graphOutputs, Map<String, String> metadata) {
    this.source = source;
    this.graphName = graphName;
    this.initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
    this.nodes = List.copyOf(nodes);
    this.graphInputs = List.copyOf(graphInputs);
    this.graphOutputs = List.copyOf(graphOutputs);
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  public String graphName() {
    return graphName;
  }

  /** The graph's operators in file order (which ONNX requires to be topological). */
  public List<OnnxNode> nodes() {
    return nodes;
  }

  /** Names of the graph's inputs; older exporters list the initializers here too. */
  public List<String> graphInputs() {
    return graphInputs;
  }

  public List<String> graphOutputs() {
    return graphOutputs;
  }

  /** The element type an initializer is stored as. */
  public DType dtype(String name) throws MalformedWeightsException {
    return OnnxTensorDecoder.supportedType(find(name), source).dtype;
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public Set<String> names() {
    return initializers.keySet();
  }

  @Override
  public boolean contains(String name) {
    return initializers.containsKey(name);
  }

  @Override
  public Shape shape(String name) throws MalformedWeightsException {
    return find(name).shape();
  }

  @Override
  public Tensor tensor(String name) throws MalformedWeightsException {
    return OnnxTensorDecoder.decode(find(name), source);
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Nothing to release: the mapped file is unmapped when no longer referenced. */
  @Override
  public void close() {}

  private OnnxInitializer find(String name) throws MalformedWeightsException {
    OnnxInitializer init = initializers.get(name);
    if (init == null) {
      throw new MalformedWeightsException(NearNames.missingMessage(source, name, initializers.keySet()));
    }
    return init;
  }
}
