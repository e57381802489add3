package org.spikezip.io;

import java.util.Map;
import java.util.Set;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * Named tensors from one source (a safetensors file, a PyTorch checkpoint, an ONNX model).
 *
 * <p>{@link #tensor(String)} of a missing name throws a {@link MalformedWeightsException} that names
 * the source and lists the closest names present (see {@link NearNames}).
 */
public interface TensorStore extends AutoCloseable {

  /** Where the tensors come from, for messages (usually a file path). */
  String source();

  /** All tensor names, in file order. */
  Set<String> names();

  boolean contains(String name);

  /** The shape of a tensor without reading its data. */
  Shape shape(String name) throws MalformedWeightsException;

  /** The element type the source stores a tensor in. */
  DType dtype(String name) throws MalformedWeightsException;

  /** Reads one tensor, converting its elements to doubles. */
  Tensor tensor(String name) throws MalformedWeightsException;

  /** Free-form string metadata the file carries (empty if none). */
  Map<String, String> metadata();

  @Override
  void close();
}
