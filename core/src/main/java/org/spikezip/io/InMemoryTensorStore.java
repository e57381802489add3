package org.spikezip.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * Tensors held in memory under their names: lets weights produced in memory (by training) go
 * through the same checked readers as weights from a file.
 */
public final class InMemoryTensorStore implements TensorStore {
  private final String source;
  private final Map<String, Tensor> tensors;

  /** @param source what the tensors are, for messages (e.g. "the trained encoder") */
  public InMemoryTensorStore(String source, Map<String, Tensor> tensors) {
    this.source = source;
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  @Override
  public String source() {
    return source;
  }

  @Override
  public Set<String> names() {
    return tensors.keySet();
  }

  @Override
  public boolean contains(String name) {
    return tensors.containsKey(name);
  }

  @Override
  public Shape shape(String name) throws MalformedWeightsException {
    return get(name).shape();
  }

  @Override
  public DType dtype(String name) throws MalformedWeightsException {
    return get(name).dtype();
  }

  @Override
  public Tensor tensor(String name) throws MalformedWeightsException {
    return get(name);
  }

  private Tensor get(String name) throws MalformedWeightsException {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new MalformedWeightsException(NearNames.missingMessage(source, name, tensors.keySet()));
    }
    return t;
  }

  @Override
  public Map<String, String> metadata() {
    return Map.of();
  }

  @Override
  public void close() {}
}
