package org.spikezip.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.InMemoryTensorStore;
import org.spikezip.model.EncoderCheckpoint;
import org.spikezip.model.EncoderConfig;
import org.spikezip.model.EncoderWeights;
import org.spikezip.tensor.Tensor;

/**
 * The float parameters of an encoder classifier as DJL arrays under Hugging Face BERT names
 * without prefix ({@code embeddings.word_embeddings.weight}, {@code encoder.layer.0.attention.self.query.weight},
 * ..., {@code classifier.weight}; see {@link EncoderCheckpoint}), owned by one manager.
 *
 * <p>The BERT pooler is left out: the classifier reads the [CLS] row of the last layer directly,
 * as the core's QANN does, so the pooler would get no gradient.
 */
public final class EncoderParameters implements ParameterSet {
  private final EncoderConfig config;
  private final NDManager manager;
  private final DataType dataType;
  private final Map<String, NDArray> arrays;

  private EncoderParameters(EncoderConfig config, NDManager manager, DataType dataType, Map<String, NDArray> arrays) {
    this.config = config;
    this.manager = manager;
    this.dataType = dataType;
    this.arrays = Collections.unmodifiableMap(arrays);
  }

  /** Copies {@code weights} (without pooler) into arrays of {@code dataType} in a sub-manager of {@code parent}. */
  public static EncoderParameters fromWeights(NDManager parent, EncoderWeights weights, DataType dataType) {
    if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
      throw new IllegalArgumentException("parameters must be float32 or float64, got " + dataType);
    }
    EncoderWeights w = withoutPooler(weights);
    NDManager m = parent.newSubManager();
    Map<String, NDArray> a = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : EncoderCheckpoint.tensors(w, "").entrySet()) {
      Tensor t = e.getValue();
      Shape shape = new Shape(Arrays.stream(t.shape().dims()).asLongStream().toArray());
      NDArray array = dataType == DataType.FLOAT64 ? m.create(t.data(), shape) : m.create(NdValues.toFloats(t.data()), shape);
      array.setName(e.getKey());
      a.put(e.getKey(), array);
    }
    return new EncoderParameters(w.config(), m, dataType, a);
  }

  private static EncoderWeights withoutPooler(EncoderWeights w) {
    return new EncoderWeights(w.config(), w.wordEmbeddings(), w.positionEmbeddings(), w.tokenTypeEmbeddings(),
        w.embeddingNorm(), w.layers(), Optional.empty(), w.head());
  }

  public EncoderConfig config() {
    return config;
  }

  @Override
  public DataType dataType() {
    return dataType;
  }

  /** The array named {@code name}. */
  public NDArray get(String name) {
    NDArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no parameter '" + name + "'");
    }
    return a;
  }

  @Override
  public Map<String, NDArray> all() {
    return arrays;
  }

  /** The current values as core weights (doubles, no pooler). */
  public EncoderWeights toWeights() {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      NDArray a = e.getValue();
      tensors.put(e.getKey(), Tensor.wrap(org.spikezip.tensor.Shape.ofLongs(a.getShape().getShape()),
          NdValues.toDoubles(a)));
    }
    try {
      return EncoderCheckpoint.read(new InMemoryTensorStore("the trained encoder", tensors), config, "");
    } catch (MalformedWeightsException e) {
      throw new IllegalStateException("bug: trained parameters do not read back: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
