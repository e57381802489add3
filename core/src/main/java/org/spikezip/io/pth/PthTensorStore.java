package org.spikezip.io.pth;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spikezip.error.MalformedWeightsException;
import org.spikezip.io.ElementDecoder;
import org.spikezip.io.NearNames;
import org.spikezip.io.TensorStore;
import org.spikezip.io.TextQuoting;
import org.spikezip.tensor.DType;
import org.spikezip.tensor.Shape;
import org.spikezip.tensor.Tensor;

/**
 * The state dict of a PyTorch checkpoint as named tensors, read lazily from the file's storages.
 *
 * <p>Each tensor is a strided view of a storage; {@link #tensor(String)} gathers its elements in
 * row-major order (so transposed or sliced views come out as the dense tensor PyTorch shows) and
 * converts them to doubles. Entries that are not part of the state dict (optimizer state, training
 * arguments, epoch counters) are kept only as descriptions, see {@link #otherEntries()}.
 */
public final class PthTensorStore implements TensorStore {
  private final String source;
  private final PthFormat format;
  private final String stateDictKey;
  private final Map<String, TensorRef> tensors;
  private final List<String> otherEntries;
  private final StorageBytes storages;

  PthTensorStore(String source, PthFormat format, String stateDictKey, Map<String, TensorRef> tensors,
      List<String> otherEntries, StorageBytes storages) {
    this.source = source;
    this.format = format;
    this.stateDictKey = stateDictKey;
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    this.otherEntries = List.copyOf(otherEntries);
    this.storages = storages;
  }

  /** Which {@code torch.save} layout the file has. */
  public PthFormat format() {
    return format;
  }

  /**
   * The key of the top-level entry that holds the state dict ({@code "model"}, {@code "state_dict"}
   * or {@code "model_state_dict"}), or the empty string when the file's top level is the state dict.
   */
  public String stateDictKey() {
    return stateDictKey;
  }

  /**
   * One line per entry that is not a tensor of the state dict, as {@code name: value} with the value
   * rendered briefly in Python syntax, such as {@code args: argparse.Namespace(lr=0.1)}.
   */
  public List<String> otherEntries() {
    return otherEntries;
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
    return find(name).shape();
  }

  /** The stored dtype of a tensor (the element type of its storage). */
  public DType dtype(String name) throws MalformedWeightsException {
    return find(name).storage().dtype();
  }

  @Override
  public Tensor tensor(String name) throws MalformedWeightsException {
    TensorRef ref = find(name);
    DType dtype = ref.storage().dtype();
    int[] size = ref.shape().dims();
    double[] values = new double[ref.shape().size()];
    if (values.length == 0) {
      return Tensor.wrap(ref.shape(), values, dtype);
    }
    long first = ref.storage().elementOffset() + ref.offset();
    long span = 1;
    for (int k = 0; k < size.length; k++) {
      span += (size[k] - 1) * ref.stride()[k];
    }
    int width = dtype.byteSize();
    if (span > (Integer.MAX_VALUE - 8) / width) {
      throw new MalformedWeightsException(source + ": tensor " + TextQuoting.quote(name) + " spans " + span * width
          + " bytes of its storage; at most 2 GiB per tensor is supported");
    }
    ByteBuffer bytes = storages.read(ref.storage().key(), first * width, (int) span * width);
    try {
      gather(bytes, ref, values);
    } catch (ArithmeticException e) {
      throw new MalformedWeightsException(source + ": tensor " + TextQuoting.quote(name) + ": " + e.getMessage(), e);
    }
    return Tensor.wrap(ref.shape(), values, dtype);
  }

  /**
   * Fills {@code values} in row-major order of the view's shape with element
   * {@code sum(ik * stride[k])} of {@code bytes}, stepping the index like an odometer.
   */
  private static void gather(ByteBuffer bytes, TensorRef ref, double[] values) {
    DType dtype = ref.storage().dtype();
    int[] size = ref.shape().dims();
    long[] stride = ref.stride();
    int[] index = new int[size.length];
    long position = 0;
    for (int i = 0; i < values.length; i++) {
      values[i] = ElementDecoder.element(bytes, (int) position * dtype.byteSize(), dtype);
      for (int k = size.length - 1; k >= 0; k--) {
        position += stride[k];
        if (++index[k] < size[k]) {
          break;
        }
        position -= stride[k] * size[k];
        index[k] = 0;
      }
    }
  }

  /** None: a checkpoint's non-tensor entries are in {@link #otherEntries()}. */
  @Override
  public Map<String, String> metadata() {
    return Map.of();
  }

  @Override
  public void close() {
    storages.close();
  }

  private TensorRef find(String name) throws MalformedWeightsException {
    TensorRef ref = tensors.get(name);
    if (ref == null) {
      throw new MalformedWeightsException(NearNames.missingMessage(source, name, tensors.keySet()));
    }
    return ref;
  }
}
